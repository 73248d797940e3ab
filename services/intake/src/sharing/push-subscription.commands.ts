import { EntityManager } from 'typeorm';
import { releaseRefusal } from '@hotline/intake-domain';
import { Identity, PiiCipher, ProblemError, Timers } from '@hotline/platform';
import { findAgreement, SharingAgreement } from './agreements.repository';
import { schedulePush } from './push-delivery.commands';
import { newFeedSecret } from './push-endpoint';
import {
  cancelOpenDelivery,
  deleteSubscription,
  findDelivery,
  findSubscription,
  lastDeliveredCursor,
  openDelivery,
  PUSH_TIMER,
  PushDelivery,
  PushSubscription,
  saveSubscription,
  updateDelivery,
} from './push.repository';
import type { PushReplay, PushSubscriptionInput } from './push.schemas';

const notActive = (detail: string) => new ProblemError(409, 'agreement_not_active', 'Agreement not active', detail);

async function agreementOf(m: EntityManager, agreementId: string): Promise<SharingAgreement> {
  const agreement = await findAgreement(m, agreementId, 'share');
  if (!agreement) throw ProblemError.notFound(`sharing agreement ${agreementId}`);
  return agreement;
}

/** The agreement, which must be able to release now or later (active, not expired), or the 409 that says why not. */
async function releasingAgreement(m: EntityManager, agreementId: string, now: Date): Promise<SharingAgreement> {
  const agreement = await agreementOf(m, agreementId);
  const refusal = agreement.state === 'active' && now.getTime() < agreement.validFrom.getTime() ? undefined : releaseRefusal(agreement, now);
  if (refusal) throw notActive(`${refusal}; a feed pushes only under an active agreement`);
  return agreement;
}

async function subscriptionOf(m: EntityManager, agreementId: string): Promise<PushSubscription> {
  const sub = await findSubscription(m, agreementId, true);
  if (!sub) throw ProblemError.notFound(`push feed of sharing agreement ${agreementId}`);
  return sub;
}

/** A subscription as shown, and its secret when it was just made (the only time it is shown). */
export interface SubscriptionResult {
  subscription: PushSubscription;
  secret?: string;
}

/**
 * A tenant admin points an active agreement's feed at the department's endpoint. The first time,
 * the server makes the signing secret, keeps it encrypted under the tenant's key and shows it
 * in this answer only; the feed starts where the department last acknowledged a batch of this
 * agreement (the agreement's start for a new one), and its first turn is due at once. Later
 * calls change the URL and the batch size and keep the secret and the cursor; a batch waiting
 * for its retry is tried at once at the new URL.
 */
export async function setPushSubscription(
  m: EntityManager,
  cipher: PiiCipher,
  who: Identity,
  agreementId: string,
  input: PushSubscriptionInput,
  now: Date = new Date(),
): Promise<SubscriptionResult> {
  await releasingAgreement(m, agreementId, now);
  const existing = await findSubscription(m, agreementId, true);
  if (!existing) {
    const secret = newFeedSecret();
    const subscription: PushSubscription = {
      tenantId: who.tenantId,
      agreementId,
      url: input.url,
      secretEnc: cipher.encrypt(who.tenantId, secret),
      secretRotatedAt: now,
      batchSize: input.batchSize,
      state: 'active',
      stateReason: null,
      cursor: await lastDeliveredCursor(m, agreementId),
      since: null,
      setBy: who.subject,
      setAt: now,
      updatedBy: who.subject,
      updatedAt: now,
    };
    await saveSubscription(m, subscription);
    await schedulePush(m, who.tenantId, agreementId, now);
    return { subscription, secret };
  }
  const subscription: PushSubscription = { ...existing, url: input.url, batchSize: input.batchSize, updatedBy: who.subject, updatedAt: now };
  await saveSubscription(m, subscription);
  if (subscription.state === 'active') {
    const open = await openDelivery(m, agreementId, true);
    if (open) await updateDelivery(m, { ...open, nextAttemptAt: now });
    await schedulePush(m, who.tenantId, agreementId, now);
  }
  return { subscription };
}

/** The feed stops and its settings and secret are gone; the batch being sent is cancelled; the delivery log stays. */
export async function clearPushSubscription(m: EntityManager, agreementId: string, now: Date = new Date()): Promise<void> {
  await agreementOf(m, agreementId);
  await subscriptionOf(m, agreementId);
  await cancelOpenDelivery(m, agreementId, 'feed cleared', now);
  await deleteSubscription(m, agreementId);
  await Timers.cancel(m, PUSH_TIMER, agreementId);
}

/** A new secret, shown in this answer only; every attempt from now on is signed with it, the old one no longer. */
export async function rotatePushSecret(m: EntityManager, cipher: PiiCipher, who: Identity, agreementId: string, now: Date = new Date()): Promise<SubscriptionResult> {
  await agreementOf(m, agreementId);
  const existing = await subscriptionOf(m, agreementId);
  const secret = newFeedSecret();
  const subscription = { ...existing, secretEnc: cipher.encrypt(who.tenantId, secret), secretRotatedAt: now, updatedBy: who.subject, updatedAt: now };
  await saveSubscription(m, subscription);
  return { subscription, secret };
}

/**
 * The feed starts again from a cursor (a `next` or `after` of an earlier batch or release), from
 * requests received since an instant, or from the agreement's start: the batch being sent is
 * cancelled, a paused feed resumes, and what follows is released anew (new releases, logged).
 */
export async function replayPush(m: EntityManager, who: Identity, agreementId: string, input: PushReplay, now: Date = new Date()): Promise<PushSubscription> {
  await releasingAgreement(m, agreementId, now);
  const existing = await subscriptionOf(m, agreementId);
  const from = input.cursor ? `cursor ${input.cursor}` : input.since ? `since ${input.since}` : "the agreement's start";
  await cancelOpenDelivery(m, agreementId, `replayed from ${from}`, now);
  const subscription: PushSubscription = {
    ...existing,
    cursor: input.cursor ?? null,
    since: input.since ? new Date(input.since) : null,
    state: 'active',
    stateReason: null,
    updatedBy: who.subject,
    updatedAt: now,
  };
  await saveSubscription(m, subscription);
  await schedulePush(m, who.tenantId, agreementId, now);
  return subscription;
}

/**
 * A failed batch goes out again as it was (the same body and delivery id; its attempts go on
 * counting) and its paused feed resumes. Only the batch the feed stopped at: once the feed has
 * moved on (a replay), a replay from the batch's cursor is what sends its requests again.
 */
export async function redeliverPush(m: EntityManager, who: Identity, agreementId: string, deliveryId: string, now: Date = new Date()): Promise<PushDelivery> {
  await releasingAgreement(m, agreementId, now);
  const sub = await subscriptionOf(m, agreementId);
  const delivery = await findDelivery(m, agreementId, deliveryId, true);
  if (!delivery) throw ProblemError.notFound(`push batch ${deliveryId}`);
  if (delivery.state !== 'failed')
    throw ProblemError.conflict(`the batch is ${delivery.state}: only a failed batch is redelivered; replay from its cursor to send its requests again`);
  if (sub.cursor !== delivery.cursorAfter || (await openDelivery(m, agreementId)))
    throw ProblemError.conflict('the feed has moved past this batch; replay from its cursor to send its requests again');
  const redelivered: PushDelivery = { ...delivery, state: 'pending', stateReason: `redelivered by ${who.subject}`, nextAttemptAt: now, endedAt: null };
  await updateDelivery(m, redelivered);
  await saveSubscription(m, { ...sub, state: 'active', stateReason: null, updatedBy: who.subject, updatedAt: now });
  await schedulePush(m, who.tenantId, agreementId, now);
  return redelivered;
}
