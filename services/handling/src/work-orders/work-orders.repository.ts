import { EntityManager, In } from 'typeorm';
import { OPEN_WORK_ORDER_STATUSES, OrderTimeLimit, orderTimeLimit } from '@hotline/handling-domain';
import { isUuid } from '@hotline/platform';
import { toRequestType, toUrgency, WorkOrderStatus } from '@hotline/vocabulary';
import { loadTimeLimit } from '../time-limits/time-limits.repository';
import { WorkOrderEntity } from './work-order.entity';

function repository(manager: EntityManager) {
  return manager.getRepository(WorkOrderEntity);
}

/** The order by id (RLS scopes the tenant), locked for update when asked; null for an unknown or malformed id. */
export async function findWorkOrder(manager: EntityManager, id: string, forUpdate = false): Promise<WorkOrderEntity | null> {
  if (!isUuid(id)) return null;
  return repository(manager).findOne({ where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

export interface WorkOrderFilter {
  status?: WorkOrderStatus;
  requestId?: string;
  /** Undefined: every unit. */
  unitCode?: string;
  limit: number;
  offset: number;
}

/** Newest first. */
export async function listWorkOrders(manager: EntityManager, filter: WorkOrderFilter): Promise<[WorkOrderEntity[], number]> {
  return repository(manager).findAndCount({
    where: { status: filter.status, requestId: filter.requestId, unitCode: filter.unitCode },
    order: { createdAt: 'DESC', id: 'ASC' },
    take: filter.limit,
    skip: filter.offset,
  });
}

/** Inserts the order unless its unit already holds one for the request (unique key); true when inserted. */
export async function insertIfAbsent(manager: EntityManager, order: WorkOrderEntity): Promise<boolean> {
  const result = await manager.createQueryBuilder().insert().into(WorkOrderEntity).values(order).orIgnore().returning(['id']).execute();
  return (result.raw as unknown[]).length > 0;
}

export async function updateWorkOrder(manager: EntityManager, id: string, changes: Partial<WorkOrderEntity>): Promise<void> {
  await repository(manager).update({ id }, changes);
}

/** Every order of the request (each unit's share), oldest first. */
export async function ordersOfRequest(manager: EntityManager, requestId: string): Promise<WorkOrderEntity[]> {
  return repository(manager).find({ where: { requestId }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** The request's orders that are still open, locked, oldest first. */
export async function openOrdersOfRequest(manager: EntityManager, requestId: string): Promise<WorkOrderEntity[]> {
  return repository(manager).find({
    where: { requestId, status: In([...OPEN_WORK_ORDER_STATUSES]) },
    order: { createdAt: 'ASC', id: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
}

/** Open orders with a provisional due into `year`, locked. */
export async function openProvisionalOrders(manager: EntityManager, year: number): Promise<WorkOrderEntity[]> {
  return repository(manager)
    .createQueryBuilder('w')
    .where('w.dueProvisional = true')
    .andWhere(':year = any(w.provisionalYears)', { year })
    .andWhere('w.status in (:...open)', { open: OPEN_WORK_ORDER_STATUSES })
    .orderBy('w.createdAt', 'ASC')
    .setLock('pessimistic_write')
    .getMany();
}

/** How many open orders have provisional dues, and the years those dues reach. */
export async function provisionalSummary(manager: EntityManager): Promise<{ openOrders: number; years: number[] }> {
  const [row]: Array<{ orders: number; years: number[] | null }> = await manager.query(
    `select count(*)::int as orders,
            (select array_agg(distinct y order by y) from work_orders w2, unnest(w2.provisional_years) y
              where w2.due_provisional and w2.status = any($1)) as years
       from work_orders where due_provisional and status = any($1)`,
    [OPEN_WORK_ORDER_STATUSES],
  );
  return { openOrders: row?.orders ?? 0, years: row?.years ?? [] };
}

/**
 * The limit the order is held to: the one fixed at its creation, or for an order created
 * before limits were kept on the order, the tenant's current rule for its type × urgency.
 */
export async function limitOf(manager: EntityManager, order: WorkOrderEntity): Promise<OrderTimeLimit> {
  if (order.timeLimit) return order.timeLimit;
  return orderTimeLimit(await loadTimeLimit(manager, toRequestType(order.brief.requestType), toUrgency(order.brief.urgency)));
}
