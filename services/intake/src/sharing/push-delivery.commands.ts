import { EntityManager } from 'typeorm';
import { releaseRefusal } from '@hotline/intake-domain';
import { Identity, PiiCipher, retryDelayMs, Timers, uuidv7 } from '@hotline/platform';
import { findAgreement, SharingAgreement } from './agreements.repository';
import type { SharingPushConfig } from './push-config';
import {
  cancelOpenDelivery,
  findDelivery,
  findSubscription,
  insertAttempt,
  insertDelivery,
  openDelivery,
  PUSH_TIMER,
  PushDelivery,
  saveSubscription,
  updateDelivery,
} from './push.repository';
import { releaseUnder } from './release-requests.command';

/** The `x-hotline-event` of a pushed batch, and its body's `type`. */
export const PUSH_EVENT = 'sharing.release';

/**
 * Who a pushed release goes to, as the release log and the access log record it: the feed of
 * the agreement, for its department (a pull records the department's token subject instead).
 */
export function feedRecipient(a: Pick<SharingAgreement, 'id' | 'tenantId' | 'departmentCode'>): Identity {
  return { subject: `sharing-feed:${a.id}`, tenantId: a.tenantId, roles: ['data-recipient'], department: a.departmentCode };
}

/** The feed's timer comes due at `dueAt` (again: the key is the agreement). */
export const schedulePush = (m: EntityManager, tenantId: string, agreementId: string, dueAt: Date) =>
  Timers.schedule(m, { tenantId, kind: PUSH_TIMER, key: agreementId, dueAt, payload: { agreementId } });

/**
 * The feed is over: its agreement was revoked or superseded, or expired. The batch still being
 * sent is cancelled (nothing more leaves under an agreement that no longer stands) and the timer
 * with it.
 */
export async function endFeed(m: EntityManager, agreementId: string, reason: string, now: Date): Promise<void> {
  const sub = await findSubscription(m, agreementId, true);
  if (!sub) return;
  await cancelOpenDelivery(m, agreementId, reason, now);
  if (sub.state !== 'ended') await saveSubscription(m, { ...sub, state: 'ended', stateReason: reason, updatedAt: now });
  await Timers.cancel(m, PUSH_TIMER, agreementId);
}

/** A batch ready to be POSTed: where, signed with what, the body exactly as it is sent on every attempt. */
export interface PreparedPush {
  tenantId: string;
  agreementId: string;
  deliveryId: string;
  url: string;
  secret: string;
  body: string;
}

/**
 * The first half of a feed's turn, in one tenant transaction: the batch to send now, or null
 * when there is none (and the timer moved to when there may be). The batch still being sent is
 * sent again once its retry is due; otherwise the next batch is released from the feed's cursor
 * through the release path of a pull (`releaseUnder`: the same fields, grades, masking, scope,
 * validity and release log, kind `feed`) and kept, its body encrypted, as the agreement's one
 * open batch. Nothing is sent from here: the POST happens after this commits, outside any
 * transaction, and the timer stays leased meanwhile (a crash sends the batch again once the
 * lease runs out).
 */
export async function preparePush(
  m: EntityManager,
  cipher: PiiCipher,
  config: Pick<SharingPushConfig, 'SHARING_PUSH_INTERVAL_MS'>,
  tenantId: string,
  agreementId: string,
  now: Date,
): Promise<PreparedPush | null> {
  // Locks in the order every command of a feed takes them (agreement, feed, batch). The agreement
  // shared: a revocation waits for this release to commit, as it does for a pull's.
  const agreement = await findAgreement(m, agreementId, 'share');
  const sub = agreement ? await findSubscription(m, agreementId, true) : null;
  if (!agreement || !sub || sub.state !== 'active') {
    await Timers.cancel(m, PUSH_TIMER, agreementId);
    return null;
  }
  if (agreement.state === 'active' && now.getTime() < agreement.validFrom.getTime()) {
    await schedulePush(m, tenantId, agreementId, agreement.validFrom);
    return null;
  }
  const refusal = releaseRefusal(agreement, now);
  if (refusal) {
    await endFeed(m, agreementId, refusal, now);
    return null;
  }

  let delivery = await openDelivery(m, agreementId, true);
  if (delivery && delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() > now.getTime()) {
    await schedulePush(m, tenantId, agreementId, delivery.nextAttemptAt);
    return null;
  }
  if (!delivery) {
    const release = await releaseUnder(m, cipher, feedRecipient(agreement), agreement, { cursor: sub.cursor, since: sub.since ?? undefined }, sub.batchSize, 'feed', now);
    if (release.releaseId === null || release.next === null) {
      await schedulePush(m, tenantId, agreementId, new Date(now.getTime() + config.SHARING_PUSH_INTERVAL_MS));
      return null;
    }
    const id = uuidv7();
    // The same shape as a pull's answer, with what a receiver needs to check order and repeats.
    const body = JSON.stringify({
      deliveryId: id,
      type: PUSH_EVENT,
      tenant: tenantId,
      releaseId: release.releaseId,
      agreementId: agreement.id,
      departmentCode: agreement.departmentCode,
      releasedAt: now.toISOString(),
      fields: release.fields,
      items: release.items,
      after: sub.cursor,
      next: release.next,
    });
    delivery = {
      tenantId,
      id,
      agreementId,
      releaseId: release.releaseId,
      url: sub.url,
      bodyEnc: cipher.encrypt(tenantId, body),
      itemCount: release.items.length,
      cursorAfter: sub.cursor,
      cursorNext: release.next,
      state: 'pending',
      stateReason: null,
      attempts: 0,
      lastStatus: null,
      lastError: null,
      nextAttemptAt: now,
      createdAt: now,
      deliveredAt: null,
      endedAt: null,
    };
    await insertDelivery(m, delivery);
  }
  if (!delivery.bodyEnc) throw new Error(`open push batch ${delivery.id} has no body`);
  return {
    tenantId,
    agreementId,
    deliveryId: delivery.id,
    url: sub.url,
    secret: cipher.decrypt(tenantId, sub.secretEnc),
    body: cipher.decrypt(tenantId, delivery.bodyEnc),
  };
}

/** What one POST came to. */
export interface PushOutcome {
  attemptedAt: Date;
  httpStatus: number | null;
  /** null: a 2xx; else `http-<status>`, `timeout`, `network:<errno>` — a code, never the answer's body. */
  error: string | null;
  durationMs: number;
}

/**
 * The second half, in one tenant transaction after the POST: the attempt is logged whatever it
 * came to. A 2xx delivers the batch (its body erased) and only then moves the feed's cursor to
 * the batch's `next`; the next batch is due at once when this one was full, else after the
 * interval. A failure is retried after a capped exponential backoff with jitter; after the last
 * attempt the batch is failed and the feed paused until a tenant admin redelivers or replays it
 * (skipping a batch would lose it, since the cursor moves only on a 2xx). A batch cancelled
 * meanwhile (replayed past, cleared, agreement ended) only gets its attempt logged.
 */
export async function recordPushOutcome(
  m: EntityManager,
  config: Pick<SharingPushConfig, 'SHARING_PUSH_INTERVAL_MS' | 'SHARING_PUSH_MAX_ATTEMPTS' | 'SHARING_PUSH_RETRY_BASE_MS' | 'SHARING_PUSH_RETRY_MAX_MS'>,
  push: PreparedPush,
  outcome: PushOutcome,
  now: Date,
  random: () => number = Math.random,
): Promise<void> {
  const sub = await findSubscription(m, push.agreementId, true);
  const delivery = await findDelivery(m, push.agreementId, push.deliveryId, true);
  if (!delivery) return;
  const attempt = delivery.attempts + 1;
  const delivered = outcome.error === null;
  await insertAttempt(m, push.tenantId, delivery.id, {
    attempt,
    attemptedAt: outcome.attemptedAt,
    outcome: delivered ? 'delivered' : 'failed',
    httpStatus: outcome.httpStatus,
    error: outcome.error,
    durationMs: outcome.durationMs,
  });
  const next: PushDelivery = { ...delivery, url: push.url, attempts: attempt, lastStatus: outcome.httpStatus, lastError: outcome.error };
  if (delivery.state !== 'pending') {
    await updateDelivery(m, next);
    return;
  }
  if (delivered) {
    await updateDelivery(m, { ...next, state: 'delivered', bodyEnc: null, nextAttemptAt: null, deliveredAt: now, endedAt: now });
    if (sub && sub.cursor === delivery.cursorAfter) {
      await saveSubscription(m, { ...sub, cursor: delivery.cursorNext, updatedAt: now });
      const full = delivery.itemCount >= sub.batchSize;
      if (sub.state === 'active') await schedulePush(m, push.tenantId, push.agreementId, full ? now : new Date(now.getTime() + config.SHARING_PUSH_INTERVAL_MS));
    }
    return;
  }
  if (attempt >= config.SHARING_PUSH_MAX_ATTEMPTS) {
    const reason = `failed ${attempt} attempts, the last ${outcome.error}`;
    await updateDelivery(m, { ...next, state: 'failed', stateReason: reason, nextAttemptAt: null, endedAt: now });
    if (sub) await saveSubscription(m, { ...sub, state: 'paused', stateReason: `batch ${delivery.id} ${reason}; redeliver it or replay`, updatedAt: now });
    await Timers.cancel(m, PUSH_TIMER, push.agreementId);
    return;
  }
  const retryAt = new Date(now.getTime() + retryDelayMs(attempt, { baseMs: config.SHARING_PUSH_RETRY_BASE_MS, maxMs: config.SHARING_PUSH_RETRY_MAX_MS }, random));
  await updateDelivery(m, { ...next, nextAttemptAt: retryAt });
  await schedulePush(m, push.tenantId, push.agreementId, retryAt);
}
