import { SHARING_PUSH_DELIVERY_STATE_LABELS, SHARING_PUSH_STATE_LABELS } from '@hotline/vocabulary';
import type { PushAttempt, PushDelivery, PushSubscription } from './push.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A feed as its admins see it; the secret only in the answer that made it (never stored in clear, never shown again). */
export function toSubscriptionView(s: PushSubscription, secret?: string) {
  return {
    agreementId: s.agreementId,
    url: s.url,
    batchSize: s.batchSize,
    state: s.state,
    stateLabel: SHARING_PUSH_STATE_LABELS[s.state],
    stateReason: s.stateReason,
    cursor: s.cursor,
    since: iso(s.since),
    secretRotatedAt: iso(s.secretRotatedAt),
    setBy: s.setBy,
    setAt: iso(s.setAt),
    updatedBy: s.updatedBy,
    updatedAt: iso(s.updatedAt),
    ...(secret === undefined ? {} : { secret }),
  };
}

/** One pushed batch and every attempt of it; never its body (the release log says what it held). */
export function toDeliveryView(d: PushDelivery, attempts: PushAttempt[] = []) {
  return {
    id: d.id,
    agreementId: d.agreementId,
    releaseId: d.releaseId,
    url: d.url,
    itemCount: d.itemCount,
    cursorAfter: d.cursorAfter,
    cursorNext: d.cursorNext,
    state: d.state,
    stateLabel: SHARING_PUSH_DELIVERY_STATE_LABELS[d.state],
    stateReason: d.stateReason,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    nextAttemptAt: iso(d.nextAttemptAt),
    createdAt: iso(d.createdAt),
    deliveredAt: iso(d.deliveredAt),
    endedAt: iso(d.endedAt),
    log: attempts.map((a) => ({
      attempt: a.attempt,
      attemptedAt: iso(a.attemptedAt),
      outcome: a.outcome,
      httpStatus: a.httpStatus,
      error: a.error,
      durationMs: a.durationMs,
    })),
  };
}
