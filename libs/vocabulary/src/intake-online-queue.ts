import { Label, oneOf } from './code-list';

/**
 * Where an online submission (网上诉求) stands in the intake queue. It waits for an agent's scope
 * decision (受理, 直接答复, 不予受理 …) within the tenant's response limit: GB/T 33358-2016 [S6]
 * and the draft standard's 编制说明 ask internet channels to respond within 3 minutes. `warning`
 * and `overdue` are the clock's states while it waits; `decided` ends it.
 */
export const ONLINE_QUEUE_STATES = ['waiting', 'warning', 'overdue', 'decided'] as const;
export type OnlineQueueState = (typeof ONLINE_QUEUE_STATES)[number];
export const isOnlineQueueState = oneOf(ONLINE_QUEUE_STATES);
export const ONLINE_QUEUE_STATE_LABELS: Record<OnlineQueueState, Label> = {
  waiting: { zh: '待受理', en: 'Waiting' },
  warning: { zh: '即将超时', en: 'About to breach' },
  overdue: { zh: '已超时', en: 'Overdue' },
  decided: { zh: '已受理', en: 'Decided' },
};

/** The durable timers of the online queue's clock (intake). */
export const ONLINE_QUEUE_WARNING_TIMER = 'online-response-warning';
export const ONLINE_QUEUE_DUE_TIMER = 'online-response-due';
