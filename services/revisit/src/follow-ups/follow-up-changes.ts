import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox, Timers, uuidv7 } from '@hotline/platform';
import { ArchivedFollowUp, followUpDueAt } from '@hotline/revisit-domain';
import type { FollowUpReason, FollowUpState, Resolution, Satisfaction } from '@hotline/vocabulary';
import { appendChange, FollowUp, findFollowUp, insertFollowUp, updateFollowUp } from './follow-ups.repository';

/** The durable timer of a follow-up's date (key: the follow-up's id). */
export const FOLLOW_UP_DUE_TIMER = 'follow-up-due';

/** What one change of a follow-up says beside its new state: who, when, the note, and a revisit's answers. */
export interface FollowUpChangeInput {
  at: Date;
  by: string;
  /** Masked already. */
  note: string;
  resolution?: Resolution | null;
  satisfaction?: Satisfaction | null;
}

/** Appends the change to the history and FollowUpChanged to the outbox, for the follow-up as it now is. */
async function recordChange(manager: EntityManager, outbox: Outbox, f: FollowUp, change: FollowUpChangeInput): Promise<void> {
  await appendChange(manager, f.tenantId, f.id, {
    state: f.state,
    dueOn: f.dueOn,
    round: f.round,
    note: change.note,
    resolution: change.resolution ?? null,
    satisfaction: change.satisfaction ?? null,
    changedAt: change.at,
    changedBy: change.by,
  });
  await outbox.append(manager, {
    event: Events.revisit.followUpChanged,
    tenantId: f.tenantId,
    aggregateType: 'request',
    aggregateId: f.requestId,
    payload: {
      followUpId: f.id,
      requestId: f.requestId,
      state: f.state,
      reason: f.reason,
      dueOn: f.dueOn,
      unitId: f.unitId,
      changedAt: change.at.toISOString(),
      changedBy: change.by,
      note: change.note,
      ...(change.resolution ? { resolution: change.resolution } : {}),
      ...(change.satisfaction ? { satisfaction: change.satisfaction } : {}),
      round: f.round,
    },
  });
}

export interface NewFollowUp {
  tenantId: string;
  requestId: string;
  unitId: string;
  workOrderId: string;
  reason: FollowUpReason;
  /** YYYY-MM-DD, checked against the tenant's today by the caller. */
  followUpOn: string;
  /** Masked already. */
  note: string;
  at: Date;
  by: string;
  timeZone: string;
}

/**
 * Opens the follow-up of a request closing into 持续跟踪, in the caller's transaction: its row
 * (scheduled, round 1), the first entry of its history, its durable timer at the start of the
 * date in the tenant's zone (ADR 0005), and FollowUpChanged. Returns it as the archive keeps it.
 */
export async function scheduleFollowUp(manager: EntityManager, outbox: Outbox, n: NewFollowUp): Promise<ArchivedFollowUp> {
  const id = uuidv7();
  await insertFollowUp(manager, {
    id,
    tenantId: n.tenantId,
    requestId: n.requestId,
    unitId: n.unitId,
    workOrderId: n.workOrderId,
    reason: n.reason,
    dueOn: n.followUpOn,
    note: n.note,
    createdAt: n.at,
    createdBy: n.by,
  });
  await Timers.schedule(manager, {
    tenantId: n.tenantId,
    kind: FOLLOW_UP_DUE_TIMER,
    key: id,
    dueAt: followUpDueAt(n.followUpOn, n.timeZone),
    payload: { followUpId: id, requestId: n.requestId },
  });
  const created = (await findFollowUp(manager, id)) as FollowUp;
  await recordChange(manager, outbox, created, { at: n.at, by: n.by, note: n.note });
  return { followUpId: id, reason: n.reason, followUpOn: n.followUpOn, note: n.note };
}

/**
 * Moves a follow-up (locked by the caller) to `state`, in the caller's transaction, with its
 * history entry and FollowUpChanged. A next date (scheduled again) moves its timer there and
 * counts a round; reported or ended leaves no pending timer behind (a report before the date
 * cancels it); `due` is the timer's own firing, which the worker marks fired.
 */
export async function changeFollowUp(
  manager: EntityManager,
  outbox: Outbox,
  f: FollowUp,
  state: FollowUpState,
  change: FollowUpChangeInput,
  next?: { dueOn: string; timeZone: string },
): Promise<FollowUp> {
  const moved: FollowUp = { ...f, state, dueOn: next?.dueOn ?? f.dueOn, round: next ? f.round + 1 : f.round, updatedAt: change.at };
  await updateFollowUp(manager, moved, change.at);
  if (next)
    await Timers.schedule(manager, {
      tenantId: f.tenantId,
      kind: FOLLOW_UP_DUE_TIMER,
      key: f.id,
      dueAt: followUpDueAt(next.dueOn, next.timeZone),
      payload: { followUpId: f.id, requestId: f.requestId },
    });
  else if (state !== 'due') await Timers.cancel(manager, FOLLOW_UP_DUE_TIMER, f.id);
  await recordChange(manager, outbox, moved, change);
  return (await findFollowUp(manager, f.id)) as FollowUp;
}
