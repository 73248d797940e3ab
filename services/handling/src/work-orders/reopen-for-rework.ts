import type { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { clockStart, provisionalYearsOf, reworkDue } from '@hotline/handling-domain';
import type { WorkOrderStatus } from '@hotline/vocabulary';
import type { ServiceContext } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { reportProvisionalDues } from './provisional-dues';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, reopenedEvent } from './work-order-events';
import { syncOverdueTimers } from './work-order-timers';
import { limitOf, updateWorkOrder } from './work-orders.repository';

/**
 * Sends an order back for another round (a failed 复核, or 重办 after a reasonable complaint):
 * in `status` again with a rework due from `at` under the order's own handling rule — the
 * original due stays, and keeps counting for the on-time rate — its overdue timer, and
 * WorkOrderReopened with the reasons; a rework due reaching a year without holiday data is
 * reported as provisional.
 */
export async function reopenForRework(
  manager: EntityManager,
  ctx: ServiceContext,
  order: WorkOrderEntity,
  change: { status: WorkOrderStatus; at: string; reasons: string[] },
): Promise<void> {
  const reopenedAt = clockStart(change.at, new Date());
  const calendar = await tenantWorkingCalendar(manager, order.tenantId);
  const limit = await limitOf(manager, order);
  const rework = reworkDue(calendar, reopenedAt, limit);
  const reopened: WorkOrderEntity = {
    ...order,
    status: change.status,
    reworkCount: order.reworkCount + 1,
    reopenedAt,
    reworkDueAt: rework.dueAt,
    reworkOverdue: false,
  };
  reopened.provisionalYears = provisionalYearsOf(reopened, limit, calendar);
  reopened.dueProvisional = reopened.provisionalYears.length > 0;
  const { status, reworkCount, reworkDueAt, reworkOverdue, provisionalYears, dueProvisional } = reopened;
  await updateWorkOrder(manager, order.id, { status, reworkCount, reopenedAt, reworkDueAt, reworkOverdue, provisionalYears, dueProvisional });
  await syncOverdueTimers(manager, reopened);
  await appendWorkOrderEvent(manager, ctx.outbox, Events.handling.workOrderReopened, reopened, reopenedEvent(reopened, change.reasons));
  if (rework.missingYears.length > 0)
    await reportProvisionalDues(manager, ctx, reopened, { years: rework.missingYears, dueAt: rework.dueAt, clocks: ['rework'] });
}
