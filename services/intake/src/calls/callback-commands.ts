import { EntityManager } from 'typeorm';
import { Identity, Outbox, ProblemError, Timers, uuidv7 } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { OPEN_CALLBACK_STATES } from '@hotline/vocabulary';
import { announceCallbackResolved } from './call-events';
import { loadCallPolicy } from './call-policy.repository';
import { requestIdOfNumber } from './call-records.repository';
import { CALLBACK_OVERDUE_TIMER } from './callback-overdue.timer';
import { Callback, claimCallback, closeCallback, insertAttempt, lockCallback, releaseCallback } from './callbacks.repository';
import type { CallbackResultInput } from './calls.schemas';

/** A claim nobody acted on for this long may be taken over: an agent gone off shift does not hold a caller. */
export const CLAIM_HOLD_MINUTES = 15;

const closed = (c: Callback) => new ProblemError(409, 'callback_closed', 'Callback closed', `this callback is ${c.state} already`);

/** The item, locked, and open; 404 / 409 otherwise. */
export async function openCallback(manager: EntityManager, id: string): Promise<Callback> {
  const c = await lockCallback(manager, id);
  if (!c) throw ProblemError.notFound('callback');
  if (!OPEN_CALLBACK_STATES.includes(c.state)) throw closed(c);
  return c;
}

/** The item as a command just left it. */
async function reloaded(manager: EntityManager, id: string): Promise<Callback> {
  const c = await lockCallback(manager, id);
  if (!c) throw ProblemError.notFound('callback');
  return c;
}

/** The claim is `who`'s own and still holds; 409 otherwise. */
export function requireOwnClaim(c: Callback, who: Identity): void {
  if (c.state !== 'claimed' || c.claimedBy !== who.subject)
    throw new ProblemError(409, 'callback_not_claimed', 'Callback not claimed', 'claim the callback before calling or recording a result');
}

/**
 * An agent takes an item to call back: one agent at a time. Claiming one's own again changes
 * nothing; another's claim holds for CLAIM_HOLD_MINUTES, then it may be taken over.
 */
export async function claimCallbackCommand(manager: EntityManager, who: Identity, id: string, now: Date = new Date()): Promise<Callback> {
  const c = await openCallback(manager, id);
  if (c.state === 'claimed' && c.claimedBy === who.subject) return c;
  if (c.state === 'claimed' && c.claimedAt && now.getTime() - c.claimedAt.getTime() < CLAIM_HOLD_MINUTES * 60_000)
    throw new ProblemError(409, 'callback_claimed', 'Callback claimed', `another agent is calling this caller back (claim held for ${CLAIM_HOLD_MINUTES} minutes)`);
  await claimCallback(manager, id, who.subject, now);
  return reloaded(manager, id);
}

/**
 * The result of one callback attempt by the agent holding the claim, logged: reached closes the
 * item (with the request registered in the call, if any), an invalid number closes it
 * unreachable, no answer or busy puts it back in the queue until the tenant's attempts are used
 * up (then unreachable). The overdue clock keeps running meanwhile: it is the caller's wait.
 * A closure is announced (CallbackResolved).
 */
export async function recordCallbackResult(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  id: string,
  input: CallbackResultInput,
  now: Date = new Date(),
): Promise<Callback> {
  const c = await openCallback(manager, id);
  requireOwnClaim(c, who);
  if (input.requestNumber !== undefined && !(await requestIdOfNumber(manager, input.requestNumber)))
    throw ProblemError.validation([{ field: 'requestNumber', message: 'no request of this hotline has this number' }]);
  const attempts = c.attempts + 1;
  await insertAttempt(manager, {
    id: uuidv7(),
    tenantId: who.tenantId,
    callbackId: id,
    result: input.result,
    requestNumber: input.requestNumber ?? null,
    note: input.note === undefined ? null : maskPersonalData(input.note),
    by: who.subject,
    at: now,
  });
  const policy = await loadCallPolicy(manager);
  const retry = (input.result === 'no-answer' || input.result === 'busy') && attempts < policy.callbackMaxAttempts;
  if (retry) await releaseCallback(manager, id, attempts, input.result);
  else {
    const state = input.result === 'reached' ? 'reached' : 'unreachable';
    await closeCallback(manager, id, { state, at: now, by: who.subject, attempts, result: input.result, requestNumber: input.requestNumber ?? null });
    await Timers.cancel(manager, CALLBACK_OVERDUE_TIMER, id);
  }
  const after = await reloaded(manager, id);
  if (!retry) await announceCallbackResolved(manager, outbox, after);
  return after;
}

/**
 * A supervisor closes an open item that needs no callback (e.g. the caller was reached otherwise);
 * the reason is logged masked, and stays in intake: CallbackResolved says only `cancelled`.
 */
export async function cancelCallback(manager: EntityManager, outbox: Outbox, who: Identity, id: string, reason: string, now: Date = new Date()): Promise<Callback> {
  await openCallback(manager, id);
  await closeCallback(manager, id, { state: 'cancelled', at: now, by: who.subject, note: maskPersonalData(reason) });
  await Timers.cancel(manager, CALLBACK_OVERDUE_TIMER, id);
  const after = await reloaded(manager, id);
  await announceCallbackResolved(manager, outbox, after);
  return after;
}
