import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { canDecide } from '@hotline/dispatch-domain';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { RETURN_DECISION_OUTCOME, RETURN_REASON_LABELS } from '@hotline/vocabulary';
import { findDispatch, lockRequest, replaceDispatch, requeue } from '../dispatching/dispatching.repository';
import { startQueueClock } from '../queue-clock/queue-clock';
import { ReturnEntity } from './returns.entities';
import { returnDecidedEvent } from './returns.events';
import { findReturn, saveDecision } from './returns.repository';
import { DecideReturn } from './returns.schemas';

/**
 * Dispute review (争议审核): the hotline decides a return once, recording who and why.
 * Accepted → the unit is excluded from the request and the request waits in the manual queue
 * for a re-dispatch (改派); rejected → nothing else changes: the unit handles the order, its
 * clocks as they ran. ReturnDecided goes out in the same transaction.
 */
export async function decideReturn(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  returnId: string,
  input: DecideReturn,
): Promise<ReturnEntity> {
  const found = await findReturn(manager, returnId);
  if (!found) throw ProblemError.notFound(`return ${returnId}`);
  // The request's lock serialises this decision with returns and re-dispatches of the request.
  await lockRequest(manager, found.requestId);
  const row = (await findReturn(manager, returnId, true)) ?? found;
  if (!canDecide(row.status)) throw new ProblemError(409, 'already_decided', 'Already decided', `this return was already ${row.status}`);
  const decidedAt = new Date();
  const decided: ReturnEntity = { ...row, status: RETURN_DECISION_OUTCOME[input.decision], decidedBy: who.subject, decidedAt, decisionNote: input.note };
  if (decided.status === 'accepted') {
    const dispatch = await findDispatch(manager, row.requestId);
    if (!dispatch?.brief) throw ProblemError.conflict('this request was dispatched before returns were recorded: re-dispatch it by hand');
    await replaceDispatch(manager, { ...dispatch, excludedUnitIds: [...new Set([...dispatch.excludedUnitIds, row.unitId])] });
    await requeue(manager, await startQueueClock(manager, {
      tenantId: who.tenantId,
      requestId: row.requestId,
      brief: dispatch.brief,
      reason: `returned by ${row.unitCode} (${RETURN_REASON_LABELS[row.reasonCode].zh}), return accepted: re-dispatch`,
      queuedAt: decidedAt,
      resolvedAt: null,
    }));
  }
  await saveDecision(manager, decided);
  await outbox.append(manager, {
    event: Events.dispatch.returnDecided,
    tenantId: who.tenantId,
    aggregateType: 'request',
    aggregateId: row.requestId,
    payload: returnDecidedEvent(decided),
  });
  return decided;
}
