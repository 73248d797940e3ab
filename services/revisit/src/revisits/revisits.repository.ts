import { EntityManager } from 'typeorm';
import type { RevisitClosure } from '@hotline/revisit-domain';
import { RequestProgressEntity } from './request-progress.entity';
import { RevisitEntity } from './revisit.entity';

export function findProgress(manager: EntityManager, requestId: string, lock = false): Promise<RequestProgressEntity | null> {
  return manager.getRepository(RequestProgressEntity).findOne({
    where: { requestId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}

/** The primary order was answered: the request awaits review. A closed request stays closed (a late or replayed answer must not reopen it). */
export async function markAwaitingReview(
  manager: EntityManager,
  tenantId: string,
  requestId: string,
  primaryWorkOrderId: string,
  primaryUnitId: string,
): Promise<void> {
  await manager.query(
    `insert into request_progress (tenant_id, request_id, primary_work_order_id, primary_unit_id, status, updated_at)
     values ($1, $2, $3, $4, 'awaiting-review', now())
     on conflict (tenant_id, request_id) do update
       set primary_work_order_id = excluded.primary_work_order_id, primary_unit_id = excluded.primary_unit_id,
           status = 'awaiting-review', updated_at = now()
       where request_progress.status <> 'closed'`,
    [tenantId, requestId, primaryWorkOrderId, primaryUnitId],
  );
}

/** The primary answer passed review: the request awaits its revisit. Returns it (locked) when it moved. */
export async function moveToAwaitingRevisit(
  manager: EntityManager,
  requestId: string,
  primaryWorkOrderId: string,
): Promise<RequestProgressEntity | null> {
  const moved: unknown[] = await manager.query(
    `update request_progress set status = 'awaiting-revisit', updated_at = now()
     where request_id = $1 and primary_work_order_id = $2 and status = 'awaiting-review'
     returning request_id`,
    [requestId, primaryWorkOrderId],
  );
  return moved.length > 0 ? findProgress(manager, requestId, true) : null;
}

/** Records how the request closed (办结), on its progress row. */
export async function markClosed(manager: EntityManager, progress: RequestProgressEntity, closure: RevisitClosure): Promise<void> {
  progress.status = 'closed';
  progress.updatedAt = new Date(closure.closedAt);
  progress.closedAt = new Date(closure.closedAt);
  progress.closedBy = closure.closedBy;
  progress.revisitOutcome = closure.outcome;
  progress.skipReason = closure.skipReason;
  await manager.getRepository(RequestProgressEntity).save(progress);
}

export async function insertRevisit(manager: EntityManager, revisit: RevisitEntity): Promise<void> {
  await manager.getRepository(RevisitEntity).insert(revisit);
}
