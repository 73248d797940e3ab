import { Label, oneOf } from './code-list';
import type { Urgency } from './requests';

/**
 * Where a request waiting in the manual-dispatch queue stands on the tenant's dispatch limit:
 * inside it, past the warning threshold, or past the limit.
 */
export const QUEUE_CLOCK_LEVELS = ['on-time', 'warning', 'breached'] as const;
export type QueueClockLevel = (typeof QUEUE_CLOCK_LEVELS)[number];
export const isQueueClockLevel = oneOf(QUEUE_CLOCK_LEVELS);
export const QUEUE_CLOCK_LEVEL_LABELS: Record<QueueClockLevel, Label> = {
  'on-time': { zh: '未超时', en: 'Within the limit' },
  warning: { zh: '即将超时', en: 'About to breach' },
  breached: { zh: '派单超时', en: 'Dispatch limit breached' },
};

/**
 * Minutes a request may wait in the manual queue before it must be dispatched, by urgency, in
 * calendar minutes (the desk is staffed 7×24, 国办发〔2020〕53号 [S2]). No source sets a dispatch
 * limit; these are our defaults [I], under the units' own sign-for limits of Tianjin (15 min, 30
 * min, 1 working day [S12]) so that dispatch does not eat the unit's time, and far above Beijing's
 * reported 3.7 min average from call to order [S11]. A tenant sets its own.
 */
export const DEFAULT_DISPATCH_LIMIT_MINUTES: Readonly<Record<Urgency, number>> = { critical: 10, urgent: 20, normal: 120 };
/** Share of the dispatch limit after which a waiting request raises its warning [I]. */
export const DEFAULT_DISPATCH_WARN_PERCENT = 80;
