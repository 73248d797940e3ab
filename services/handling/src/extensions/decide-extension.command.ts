import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { extendedDue, extensionLimitBroken, handlingDueOf, handlingStartOf, isAskedInTime, isClockRunning, warningLevelAt } from '@hotline/handling-domain';
import { maskPersonalData } from '@hotline/privacy';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { loadWarningPolicy } from '../warnings/warnings.repository';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { appendWorkOrderEvent } from '../work-orders/work-order-events';
import { syncOverdueTimers } from '../work-orders/work-order-timers';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { updateWorkOrder } from '../work-orders/work-orders.repository';
import { extensionTally, handlingRuleOf } from './ask-extension.command';
import { WorkOrderExtensionEntity } from './extension.entity';
import { extensionDecidedEvent } from './extension-events';
import { extensionsOf, loadExtensionPolicy, lockExtension, updateExtension } from './extensions.repository';
import { DecideExtension } from './extensions.schemas';

export type ExtensionDecision = 'approve' | 'refuse';

/**
 * The hotline approves or refuses a pending extension. Approved, the order's handling due moves
 * to the proposed one (its overdue timer with it) and WorkOrderExtensionDecided carries the new
 * due for the requester; the original due stays on the order. An approval must come while the
 * due it extends has not passed (a late decision would hide a breach the timer already saw).
 */
export async function decideExtension(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  workOrderId: string,
  extensionId: string,
  decision: ExtensionDecision,
  input: DecideExtension,
): Promise<WorkOrderExtensionEntity> {
  const order = await findVisibleWorkOrder(manager, who, workOrderId, true);
  const extension = await lockExtension(manager, order.id, extensionId);
  if (!extension) throw ProblemError.notFound(`extension ${extensionId}`);
  if (extension.status !== 'pending') throw ProblemError.conflict(`extension is ${extension.status} already`);
  const decidedAt = new Date();
  const tally = extensionTally(await extensionsOf(manager, order.id));
  let decided: WorkOrderEntity = order;
  if (decision === 'approve') {
    if (!isClockRunning(order, 'handling')) throw ProblemError.conflict(`work order is ${order.status}; its handling clock does not run`);
    if (!isAskedInTime(decidedAt, handlingDueOf(order))) throw ProblemError.conflict('the due this extension would move has passed; refuse it');
    const ask = { extraWorkingDays: extension.extraWorkingDays, approvedExtraDays: tally.approvedExtraDays, handling: handlingRuleOf(order) };
    const broken = extensionLimitBroken(ask, await loadExtensionPolicy(manager));
    if (broken) throw ProblemError.conflict(`the tenant's extension policy no longer allows it: ${broken}`);
    // A pause that ended since the ask moved the due it extends: the extra days count from the due now.
    const currentDueAt = handlingDueOf(order);
    const dueAt = currentDueAt.getTime() === extension.currentDueAt.getTime()
      ? extension.proposedDueAt
      : extendedDue(await tenantWorkingCalendar(manager, order.tenantId), currentDueAt, extension.extraWorkingDays).dueAt;
    // The light follows the new due: an order that was yellow may be green again.
    const warningLevel = warningLevelAt(handlingStartOf(order), dueAt, decidedAt, await loadWarningPolicy(manager));
    decided = { ...order, extendedDueAt: dueAt, warningLevel };
    await updateWorkOrder(manager, order.id, { extendedDueAt: dueAt, warningLevel });
    await syncOverdueTimers(manager, decided);
  }
  const changes = {
    status: decision === 'approve' ? ('approved' as const) : ('refused' as const),
    refusal: decision === 'approve' ? null : ('refused-by-hotline' as const),
    decidedAt,
    decidedBy: who.subject,
    decisionNote: input.note ? maskPersonalData(input.note) : null,
  };
  const after: WorkOrderExtensionEntity = { ...extension, ...changes };
  await updateExtension(manager, extension.id, changes);
  const approvedCount = tally.approvedExtraDays.length + (decision === 'approve' ? 1 : 0);
  await appendWorkOrderEvent(manager, outbox, Events.handling.workOrderExtensionDecided, decided, extensionDecidedEvent(decided, after, approvedCount));
  return after;
}
