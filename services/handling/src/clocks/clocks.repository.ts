import { EntityManager, In } from 'typeorm';
import { ClockPolicy, DEFAULT_CLOCK_POLICY } from '@hotline/handling-domain';
import { isUuid } from '@hotline/platform';
import { ClockPolicyEntity } from './clock-policy.entity';
import { WorkOrderPauseEntity } from './work-order-pause.entity';

/** The tenant's clock policy (RLS scopes the query), DEFAULT_CLOCK_POLICY without a row of its own. */
export async function loadClockPolicy(manager: EntityManager): Promise<ClockPolicy & { source: 'tenant' | 'default' }> {
  const row = await manager.getRepository(ClockPolicyEntity).findOne({ where: {} });
  if (!row) return { ...DEFAULT_CLOCK_POLICY, source: 'default' };
  return { handlingStartsAt: row.handlingStartsAt, maxPauses: row.maxPauses, maxPauseWorkingDays: row.maxPauseWorkingDays, source: 'tenant' };
}

export async function saveClockPolicy(manager: EntityManager, row: ClockPolicyEntity): Promise<void> {
  await manager.getRepository(ClockPolicyEntity).save(row);
}

/** Every pause of an order, oldest first: part of the clock's history. */
export function pausesOf(manager: EntityManager, workOrderId: string): Promise<WorkOrderPauseEntity[]> {
  return manager.getRepository(WorkOrderPauseEntity).find({ where: { workOrderId }, order: { askedAt: 'ASC', id: 'ASC' } });
}

/** One pause of the order, locked; null for an unknown or malformed id. */
export async function lockPause(manager: EntityManager, workOrderId: string, id: string): Promise<WorkOrderPauseEntity | null> {
  if (!isUuid(id)) return null;
  return manager.getRepository(WorkOrderPauseEntity).findOne({ where: { id, workOrderId }, lock: { mode: 'pessimistic_write' } });
}

/** The order's running pause, locked, if any. */
export function lockRunningPause(manager: EntityManager, workOrderId: string): Promise<WorkOrderPauseEntity | null> {
  return manager.getRepository(WorkOrderPauseEntity).findOne({ where: { workOrderId, status: 'running' }, lock: { mode: 'pessimistic_write' } });
}

/** The order's pause asked and not decided yet, locked, if any. */
export function lockPendingPause(manager: EntityManager, workOrderId: string): Promise<WorkOrderPauseEntity | null> {
  return manager.getRepository(WorkOrderPauseEntity).findOne({ where: { workOrderId, status: 'pending' }, lock: { mode: 'pessimistic_write' } });
}

export async function insertPause(manager: EntityManager, row: WorkOrderPauseEntity): Promise<void> {
  await manager.getRepository(WorkOrderPauseEntity).insert(row);
}

export async function updatePause(manager: EntityManager, id: string, changes: Partial<WorkOrderPauseEntity>): Promise<void> {
  await manager.getRepository(WorkOrderPauseEntity).update({ id }, changes);
}

/** How many pauses of the order were approved (running or ended). */
export function approvedPauseCount(manager: EntityManager, workOrderId: string): Promise<number> {
  return manager.getRepository(WorkOrderPauseEntity).count({ where: { workOrderId, status: In(['running', 'ended']) } });
}
