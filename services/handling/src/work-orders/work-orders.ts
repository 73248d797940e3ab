import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { WorkingCalendar } from '@hotline/calendar';
import { canSee, Viewer, visibleUnitCode, WORK_ORDER_STATUSES } from '@hotline/handling-domain';
import type { EventDefinition } from '@hotline/contracts';
import { Outbox, ProblemError } from '@hotline/platform';
import { loadCalendarSettings, toWorkingCalendar } from '../calendar/calendar';
import { WorkOrderEntity } from './work-order.entity';

export const TimerKinds = { signOverdue: 'sign-overdue', handleOverdue: 'handle-overdue' } as const;

export const ListWorkOrdersQuery = z
  .object({
    status: z.enum(WORK_ORDER_STATUSES).optional(),
    requestId: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ListWorkOrders = z.infer<typeof ListWorkOrdersQuery>;

const UUID = z.string().uuid();

export async function tenantWorkingCalendar(manager: EntityManager, tenantId: string): Promise<WorkingCalendar> {
  return toWorkingCalendar(await loadCalendarSettings(manager, tenantId));
}

export function toWorkOrderView(o: WorkOrderEntity) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: o.id,
    requestId: o.requestId,
    unitId: o.unitId,
    unitCode: o.unitCode,
    unitName: o.unitName,
    role: o.role,
    status: o.status,
    request: o.brief,
    createdAt: o.createdAt.toISOString(),
    signDueAt: o.signDueAt.toISOString(),
    handleDueAt: o.handleDueAt.toISOString(),
    signedAt: iso(o.signedAt),
    answeredAt: iso(o.answeredAt),
    answer: o.answer,
    basis: o.basis,
    contactRecord: o.contactRecord,
    reworkCount: o.reworkCount,
    signOverdue: o.signOverdue,
    handleOverdue: o.handleOverdue,
  };
}

/** Newest first; unit staff get their own unit's orders only (RLS scopes the tenant). */
export async function listWorkOrders(manager: EntityManager, viewer: Viewer, query: ListWorkOrders) {
  const unitCode = visibleUnitCode(viewer);
  if (unitCode === '') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const [items, total] = await manager.getRepository(WorkOrderEntity).findAndCount({
    where: { status: query.status, requestId: query.requestId, unitCode },
    order: { createdAt: 'DESC', id: 'ASC' },
    take: query.limit,
    skip: query.offset,
  });
  return { items: items.map(toWorkOrderView), total, limit: query.limit, offset: query.offset };
}

/** The order if the viewer may see it, locked for update when asked; otherwise a 404 problem. */
export async function findVisibleWorkOrder(
  manager: EntityManager,
  viewer: Viewer,
  id: string,
  forUpdate = false,
): Promise<WorkOrderEntity> {
  const order = UUID.safeParse(id).success
    ? await manager.getRepository(WorkOrderEntity).findOne({
        where: { id },
        ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      })
    : null;
  if (!order || !canSee(viewer, order.unitCode)) throw ProblemError.notFound(`work order ${id}`);
  return order;
}

type OrderFields = { workOrderId: string; requestId: string; unitId: string };

/**
 * Appends one of the work-order events (signed, answered, overdue, reopened), which all name
 * the order, its request and its unit; `details` is the rest of the payload.
 */
export function appendWorkOrderEvent<M extends OrderFields>(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  event: EventDefinition<M>,
  order: Pick<WorkOrderEntity, 'id' | 'requestId' | 'unitId'>,
  details: Omit<M, keyof OrderFields>,
): Promise<string> {
  const ids: OrderFields = { workOrderId: order.id, requestId: order.requestId, unitId: order.unitId };
  return outbox.append(manager, {
    event,
    tenantId,
    aggregateType: 'work-order',
    aggregateId: order.id,
    payload: { ...details, ...ids } as M,
  });
}
