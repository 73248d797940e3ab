import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { primaryOf, ReturnRefusal, returnCalendar, returnRefusal, returnWindowDue } from '@hotline/dispatch-domain';
import { Identity, Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { findDispatch, lockRequest } from '../dispatching/dispatching.repository';
import { loadReturnPolicy } from './return-policy.query';
import { ReturnEntity } from './returns.entities';
import { returnFiledEvent } from './returns.events';
import { countReturnsOfAttempt, insertReturn } from './returns.repository';
import { suggestedUnitOf } from './suggested-unit';
import { FileReturn } from './returns.schemas';

function refusalProblem(refusal: ReturnRefusal, windowDueAt: Date): ProblemError {
  switch (refusal) {
    case 'not-the-primary-unit':
      return ProblemError.forbidden('only staff of the primary (主办) unit of the current dispatch may return it');
    case 'designated':
      return new ProblemError(409, 'designated', 'Designated', 'the hotline designated this unit (指定办理): it must handle the request');
    case 'first-responsible':
      return new ProblemError(409, 'first_responsible', 'First responsibility',
        'this unit is first-responsible (首接负责): it leads the coordination of unclear ownership or overlapping duties — ask the hotline for assisting units or a negotiation');
    case 'already-returned':
      return new ProblemError(409, 'already_returned', 'Already returned', 'this dispatch was already returned once');
    case 'window-closed':
      return new ProblemError(409, 'return_window_closed', 'Return window closed',
        `the return window closed at ${windowDueAt.toISOString()}: the unit must handle the request`);
  }
}

/**
 * The primary unit returns (退单) its order with a reason the tenant accepts and its basis,
 * within the tenant's return window: the return goes to dispute review (争议审核) and
 * ReturnFiled is published in the same transaction. The order's clocks keep running meanwhile.
 */
export async function fileReturn(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  requestId: string,
  input: FileReturn,
  now = new Date(),
): Promise<ReturnEntity> {
  await lockRequest(manager, requestId);
  const dispatch = await findDispatch(manager, requestId);
  if (!dispatch) throw ProblemError.notFound(`dispatch of request ${requestId}`);
  const policy = await loadReturnPolicy(manager);
  const suggested = await suggestedUnitOf(manager, dispatch, input.suggestedUnitCode);
  const issues = [
    ...(policy.returnReasons.includes(input.reasonCode) ? [] : [{ field: 'reasonCode', message: `this hotline accepts ${policy.returnReasons.join(', ')}` }]),
    ...suggested.issues,
  ];
  if (issues.length > 0) throw ProblemError.validation(issues);
  const windowDueAt = returnWindowDue(returnCalendar(), dispatch.dispatchedAt, policy.returnWindowWorkingDays);
  const refusal = returnRefusal(dispatch, who.unit, await countReturnsOfAttempt(manager, requestId, dispatch.attempt), now, windowDueAt, input.reasonCode);
  const unit = primaryOf(dispatch);
  if (refusal || !unit) throw refusalProblem(refusal ?? 'not-the-primary-unit', windowDueAt);
  const row: ReturnEntity = {
    id: uuidv7(),
    tenantId: who.tenantId,
    requestId,
    attempt: dispatch.attempt,
    unitId: unit.unitId,
    unitCode: unit.unitCode,
    unitName: unit.unitName,
    reasonCode: input.reasonCode,
    basis: input.basis,
    returnedBy: who.subject,
    returnedAt: now,
    windowDueAt,
    status: 'in-review',
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    suggestedUnitId: suggested.unit?.id ?? null,
    suggestedUnitCode: suggested.unit?.code ?? null,
    suggestedUnitName: suggested.unit?.name ?? null,
  };
  await insertReturn(manager, row);
  await outbox.append(manager, {
    event: Events.dispatch.returnFiled,
    tenantId: who.tenantId,
    aggregateType: 'request',
    aggregateId: requestId,
    payload: returnFiledEvent(row),
  });
  return row;
}
