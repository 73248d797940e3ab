import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { canActFor, extendedDue, extensionLimitBroken, handlingDueOf, isAskedInTime, isClockRunning } from '@hotline/handling-domain';
import { maskPersonalData } from '@hotline/privacy';
import { Identity, Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { appendWorkOrderEvent } from '../work-orders/work-order-events';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { WorkOrderExtensionEntity } from './extension.entity';
import { extensionDecidedEvent, extensionRequestedEvent } from './extension-events';
import { extensionsOf, insertExtension, loadExtensionPolicy } from './extensions.repository';
import { AskExtension } from './extensions.schemas';

/** The extra days of the order's approved extensions, and whether one awaits a decision. */
export function extensionTally(extensions: readonly WorkOrderExtensionEntity[]) {
  return {
    approvedExtraDays: extensions.filter((e) => e.status === 'approved').map((e) => e.extraWorkingDays),
    pending: extensions.some((e) => e.status === 'pending'),
  };
}

/** The order's handling rule (legacy orders without one count no working days of their own). */
export function handlingRuleOf(order: WorkOrderEntity) {
  return order.timeLimit?.handling ?? { unit: 'calendar-minutes' as const, amount: 0 };
}

/**
 * 延期申请 by the assigned unit while its handling clock runs. Asked before the due it waits for
 * the hotline, within the tenant's limits (beyond them: 400 naming extraWorkingDays, nothing
 * written). Asked at or after the due it is recorded and refused at once, `requested-after-due`:
 * the order counts as overdue (domain.md §6, [S20]).
 */
export async function askExtension(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  id: string,
  input: AskExtension,
): Promise<WorkOrderExtensionEntity> {
  const order = await findVisibleWorkOrder(manager, who, id, true);
  if (!canActFor(who, order.unitCode)) throw ProblemError.forbidden('only staff of the assigned unit may ask to extend this order');
  if (!isClockRunning(order, 'handling')) throw ProblemError.conflict(`work order is ${order.status}; its handling clock does not run`);
  const tally = extensionTally(await extensionsOf(manager, order.id));
  if (tally.pending) throw ProblemError.conflict('an extension of this order already awaits the hotline');
  const requestedAt = new Date();
  const currentDueAt = handlingDueOf(order);
  const late = !isAskedInTime(requestedAt, currentDueAt);
  if (!late) {
    const ask = { extraWorkingDays: input.extraWorkingDays, approvedExtraDays: tally.approvedExtraDays, handling: handlingRuleOf(order) };
    const broken = extensionLimitBroken(ask, await loadExtensionPolicy(manager));
    if (broken) throw ProblemError.validation([{ field: 'extraWorkingDays', message: broken }]);
  }
  const calendar = await tenantWorkingCalendar(manager, who.tenantId);
  const extension: WorkOrderExtensionEntity = {
    id: uuidv7(),
    tenantId: who.tenantId,
    workOrderId: order.id,
    status: late ? 'refused' : 'pending',
    refusal: late ? 'requested-after-due' : null,
    extraWorkingDays: input.extraWorkingDays,
    reason: maskPersonalData(input.reason),
    basis: maskPersonalData(input.basis),
    currentDueAt,
    proposedDueAt: extendedDue(calendar, currentDueAt, input.extraWorkingDays).dueAt,
    requestedAt,
    requestedBy: who.subject,
    decidedAt: late ? requestedAt : null,
    decidedBy: late ? 'system:handling' : null,
    decisionNote: null,
  };
  await insertExtension(manager, extension);
  await appendWorkOrderEvent(manager, outbox, Events.handling.workOrderExtensionRequested, order, extensionRequestedEvent(order, extension));
  if (late)
    await appendWorkOrderEvent(
      manager, outbox, Events.handling.workOrderExtensionDecided, order, extensionDecidedEvent(order, extension, tally.approvedExtraDays.length),
    );
  return extension;
}
