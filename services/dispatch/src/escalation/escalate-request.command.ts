import { EntityManager } from 'typeorm';
import { escalationTarget, primaryOf, TreeUnit } from '@hotline/dispatch-domain';
import { Identity, Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { DispatchEntity } from '../dispatching/dispatch.entities';
import { dispatchRequest } from '../dispatching/dispatch-request';
import { findDispatch, findWaiting, lockRequest } from '../dispatching/dispatching.repository';
import { refuseInactiveUnits } from '../units/unit-activity';
import { listUnits } from '../units/units.query';
import { EscalationEntity } from './escalation.entity';
import { Escalate } from './escalation.schemas';

/**
 * 提级统筹 (66号文 [S4]): the hotline takes a hard case up the unit tree. The coordinating unit
 * (the one named, or the nearest above the primary unit) becomes the primary (主办) of a new
 * dispatch attempt, mode `escalated`, which it cannot return (designated); the assisting units
 * stay; handling cancels the former primary's order (reason escalated). Recorded with who and
 * why, in the transaction that publishes RequestDispatched.
 */
export async function escalateRequest(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  requestId: string,
  input: Escalate,
): Promise<{ escalation: EscalationEntity; dispatch: DispatchEntity }> {
  await lockRequest(manager, requestId);
  if (await findWaiting(manager, requestId))
    throw new ProblemError(409, 'waiting_for_dispatch', 'Waiting for dispatch', 'this request waits in the manual queue: dispatch it from there');
  const current = await findDispatch(manager, requestId);
  if (!current) throw ProblemError.notFound(`dispatch of request ${requestId}`);
  const primary = primaryOf(current);
  if (!primary || !current.brief) throw ProblemError.conflict('this request was dispatched before escalation was recorded: re-dispatch it by hand');
  const tree = new Map<string, TreeUnit>(
    (await listUnits(manager)).map((u) => [u.id, { id: u.id, code: u.code, level: u.level, parentId: u.parentId, areaCodes: u.areaCodes }]),
  );
  const from = tree.get(primary.unitId);
  if (!from) throw ProblemError.conflict(`the primary unit ${primary.unitCode} is no longer in the directory`);
  const choice = escalationTarget(from, tree, current.brief.areaCode, current.excludedUnitIds, input.toUnitId);
  if (choice.kind === 'invalid') throw ProblemError.validation(choice.issues);
  if (choice.kind === 'refused')
    throw new ProblemError(409, 'no_coordinating_unit', 'No coordinating unit', `no district government or city office stands above ${from.code} for area ${current.brief.areaCode}`);
  // The coordinating unit takes new work; a deactivated one is refused, whether named or found above.
  await refuseInactiveUnits(manager, [{ field: 'toUnitId', unitId: choice.target.id }]);
  const assistingUnitIds = current.assignments.filter((a) => a.role === 'assisting' && a.unitId !== choice.target.id).map((a) => a.unitId);
  const dispatch = await dispatchRequest(manager, outbox, who.tenantId, current.brief, {
    mode: 'escalated',
    catalogVersion: 0,
    dispatchedBy: who.subject,
    units: { primaryUnitId: choice.target.id, assistingUnitIds },
    redispatch: { previous: current, designated: true },
  });
  const escalation: EscalationEntity = {
    id: uuidv7(),
    tenantId: who.tenantId,
    requestId,
    attempt: dispatch.attempt,
    fromUnitId: from.id,
    toUnitId: choice.target.id,
    reason: maskPersonalData(input.reason),
    escalatedBy: who.subject,
    escalatedAt: dispatch.dispatchedAt,
  };
  await manager.getRepository(EscalationEntity).insert(escalation);
  return { escalation, dispatch };
}
