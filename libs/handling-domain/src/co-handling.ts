/**
 * Co-handling (主办/协办, 66号文; ADR 0026): the assisting units answer into the lead's order
 * (their input, 协办意见), and the lead answers for the request once each of them has given its
 * input or been released by the hotline. The lead's answer is what goes to 复核, with the inputs
 * beside it; so the request closes only when every order is finished or cancelled with a reason.
 */
import type { AssignmentRole, Role, WorkOrderStatus } from '@hotline/vocabulary';

/** Who releases an assisting unit that owes its input: the hotline that dispatched it. */
export const RELEASERS: readonly Role[] = ['dispatcher', 'supervisor'];

export interface ShareOfRequest {
  role: AssignmentRole;
  status: WorkOrderStatus;
  unitName: string;
}

/** An assisting order that still owes its input: not given, not cancelled. */
export function owesInput(order: ShareOfRequest): boolean {
  return order.role === 'assisting' && (order.status === 'awaiting-sign' || order.status === 'in-progress');
}

/** Why the lead cannot answer yet (a 409), or undefined when every assisting unit is done. */
export function leadAnswerRefusal(shares: readonly ShareOfRequest[]): string | undefined {
  const owing = shares.filter(owesInput).map((o) => o.unitName);
  if (owing.length === 0) return undefined;
  return `the assisting units have not given their input yet (${owing.join('、')}): the lead answers with it, or the hotline releases them (POST /v1/work-orders/{id}/release)`;
}

/** Why the hotline cannot release this order (a 409), or undefined when it can. */
export function releaseRefusal(order: ShareOfRequest): string | undefined {
  if (order.role !== 'assisting') return 'only an assisting (协办) order can be released; the lead order is returned or re-dispatched';
  if (!owesInput(order)) return `the order is ${order.status}: it owes no input any more`;
  return undefined;
}
