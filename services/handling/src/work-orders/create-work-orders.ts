import { EntityManager } from 'typeorm';
import { dispatchEventsV1, Events } from '@hotline/contracts';
import { toAssignmentRole, toRequestType, toUrgency, workOrderDues } from '@hotline/handling-domain';
import { EventHandler, Outbox, Timers, uuidv7 } from '@hotline/platform';
import { loadTimeLimit } from '../time-limits/time-limits';
import { WorkOrderEntity } from './work-order.entity';
import { tenantWorkingCalendar, TimerKinds } from './work-orders';

/**
 * RequestDispatched → one work order per assigned unit, both clocks starting now, with their
 * overdue timers and a WorkOrderCreated event. A unit already holding an order for the request
 * is skipped (unique key), so a re-delivered or re-published dispatch creates nothing twice.
 */
export function requestDispatchedHandler(outbox: Outbox): EventHandler {
  return async (event, manager) => {
    if (event.definition !== Events.dispatch.requestDispatched) return;
    const { request, assignments } = event.payload as dispatchEventsV1.RequestDispatched;
    if (!request?.requestId) return;
    const calendar = await tenantWorkingCalendar(manager, event.tenantId);
    const limit = await loadTimeLimit(manager, toRequestType(request.requestType), toUrgency(request.urgency));
    const createdAt = new Date();
    const dues = workOrderDues(calendar, createdAt, limit);
    for (const assignment of assignments) {
      if (!assignment.unitId) continue;
      const order = await insertIfAbsent(manager, {
        id: uuidv7(),
        tenantId: event.tenantId,
        requestId: request.requestId,
        unitId: assignment.unitId,
        unitCode: assignment.unitCode,
        unitName: assignment.unitName,
        role: toAssignmentRole(assignment.role),
        status: 'awaiting-sign',
        brief: request,
        createdAt,
        signDueAt: dues.signDueAt,
        handleDueAt: dues.handleDueAt,
        reworkCount: 0,
        signOverdue: false,
        handleOverdue: false,
      });
      if (!order) continue;
      const timer = { tenantId: event.tenantId, key: order.id, payload: { workOrderId: order.id } };
      await Timers.schedule(manager, { ...timer, kind: TimerKinds.signOverdue, dueAt: order.signDueAt });
      await Timers.schedule(manager, { ...timer, kind: TimerKinds.handleOverdue, dueAt: order.handleDueAt });
      await outbox.append(manager, {
        event: Events.handling.workOrderCreated,
        tenantId: event.tenantId,
        aggregateType: 'work-order',
        aggregateId: order.id,
        payload: {
          workOrderId: order.id,
          request,
          unitId: order.unitId,
          unitCode: order.unitCode,
          unitName: order.unitName,
          role: order.role,
          signDueAt: order.signDueAt.toISOString(),
          handleDueAt: order.handleDueAt.toISOString(),
          createdAt: order.createdAt.toISOString(),
        },
      });
    }
  };
}

async function insertIfAbsent(manager: EntityManager, values: Partial<WorkOrderEntity>): Promise<WorkOrderEntity | undefined> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(WorkOrderEntity)
    .values(values)
    .orIgnore()
    .returning(['id'])
    .execute();
  return (result.raw as unknown[]).length > 0 ? (values as WorkOrderEntity) : undefined;
}
