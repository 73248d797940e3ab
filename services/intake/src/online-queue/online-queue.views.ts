import { onlineQueueState } from '@hotline/intake-domain';
import type { RequestEntity } from '../requests/request.entity';
import { maskedFreeText } from '../requests/free-text';
import type { RequesterView } from '../requests/requests.views';
import type { OnlineQueueItem } from './online-queue.repository';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A queue item for agents: the submission masked, its clock and its state at `now`. */
export function toOnlineQueueView(item: OnlineQueueItem, request: RequestEntity, requester: RequesterView, now: Date) {
  const text = maskedFreeText(request);
  return {
    requestId: item.requestId,
    number: request.number,
    channel: request.channel,
    title: text.title,
    content: text.content,
    areaCode: request.areaCode,
    requestType: request.requestType,
    /** The category the citizen picked, if any: a hint, the agent decides. */
    categoryCode: request.categoryCode,
    enterpriseRelated: request.enterpriseRelated,
    anonymous: request.anonymous,
    requester,
    state: onlineQueueState(item, now),
    receivedAt: item.receivedAt.toISOString(),
    warnAt: iso(item.warnAt),
    dueAt: item.dueAt.toISOString(),
    /** Seconds left to the limit at `now` (negative once past it); null once decided. */
    secondsLeft: item.decidedAt ? null : Math.round((item.dueAt.getTime() - now.getTime()) / 1000),
    warnedAt: iso(item.warnedAt),
    overdueAt: iso(item.overdueAt),
    decidedAt: iso(item.decidedAt),
    decidedBy: item.decidedBy,
    decision: item.decision,
  };
}
export type OnlineQueueView = ReturnType<typeof toOnlineQueueView>;
