import type { WorkOrderStatus } from '@hotline/vocabulary';

/**
 * Why a judged evaluation reopens nothing, or undefined when it reopens the order: only a
 * reasonable complaint sends it back, and only a reviewed order (its answer passed 复核 and was
 * evaluated) can be re-handled; any other status means it was reopened already or cancelled.
 */
export function redoRefusal(reasonable: boolean, status: WorkOrderStatus): string | undefined {
  if (!reasonable) return 'judged unreasonable: closed with that judgement, nothing to re-handle';
  if (status !== 'reviewed') return `order is ${status}, not reviewed`;
  return undefined;
}
