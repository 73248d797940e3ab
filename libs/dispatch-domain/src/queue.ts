import { toUrgency, URGENCIES, Urgency } from '@hotline/vocabulary';

/** The manual-dispatch queue serves the most urgent first: 特急, 紧急, 一般 (then the oldest). */
export const QUEUE_URGENCY_ORDER: readonly Urgency[] = [...URGENCIES].reverse();

/** 1-based place of a brief's urgency in the queue order; an unknown code counts as its vocabulary default. */
export function queueUrgencyRank(urgency: string): number {
  return QUEUE_URGENCY_ORDER.indexOf(toUrgency(urgency)) + 1;
}
