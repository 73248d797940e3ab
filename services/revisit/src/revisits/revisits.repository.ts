import { EntityManager } from 'typeorm';
import type { RevisitClosure } from '@hotline/revisit-domain';
import type { RevisitMethod } from '@hotline/vocabulary';
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

export async function saveProgress(manager: EntityManager, progress: RequestProgressEntity): Promise<void> {
  await manager.getRepository(RequestProgressEntity).save(progress);
}

/** The request's latest evaluation, locked: the one a judgement is about. */
export function latestRevisit(manager: EntityManager, requestId: string): Promise<RevisitEntity | null> {
  return manager.getRepository(RevisitEntity).findOne({
    where: { requestId },
    order: { recordedAt: 'DESC', id: 'DESC' },
    lock: { mode: 'pessimistic_write' },
  });
}

/** Evaluations sent back for 重办 (judged reasonable), oldest first: kept beside the one that counts. */
export function revisitsSentBack(manager: EntityManager, requestId: string): Promise<RevisitEntity[]> {
  return manager.getRepository(RevisitEntity).find({ where: { requestId, judgement: 'reasonable' }, order: { recordedAt: 'ASC', id: 'ASC' } });
}

/** Whether the request was evaluated before: a re-handled request is revisited whatever the sampling. */
export async function wasEvaluated(manager: EntityManager, requestId: string): Promise<boolean> {
  return (await manager.getRepository(RevisitEntity).count({ where: { requestId } })) > 0;
}

export async function saveRevisit(manager: EntityManager, revisit: RevisitEntity): Promise<void> {
  await manager.getRepository(RevisitEntity).save(revisit);
}

/** One attempt that reached nobody, numbered from 1 per request. */
export async function insertAttempt(
  manager: EntityManager,
  a: { tenantId: string; requestId: string; attempt: number; method: RevisitMethod; attemptedAt: Date; attemptedBy: string },
): Promise<void> {
  await manager.query(
    `insert into revisit_attempts (tenant_id, request_id, attempt, method, attempted_at, attempted_by) values ($1, $2, $3, $4, $5, $6)`,
    [a.tenantId, a.requestId, a.attempt, a.method, a.attemptedAt, a.attemptedBy],
  );
}

export interface RedoCounts {
  unitId: string;
  /** Requests of the unit with an evaluation: the denominator of 重办率. */
  evaluatedRequests: number;
  /** Those a reasonable judgement (合理差评) sent back for 重办 at least once: its numerator. */
  redoneRequests: number;
  /** Every evaluation round (a request evaluated again after 重办 counts twice). */
  evaluations: number;
  /** Every reasonable judgement (a request redone twice counts twice). */
  redoRounds: number;
}

/**
 * 重办 per unit, counted as analytics counts 重办率 (redone requests / evaluated requests, one
 * definition: libs/analytics-domain formulas), with the rounds beside it. Analytics' assessed
 * figure also leaves out what the tenant's rate settings exclude (terminated requests).
 */
export async function redoCountsByUnit(manager: EntityManager): Promise<RedoCounts[]> {
  const rows: Array<Record<string, string>> = await manager.query(
    `select unit_id,
            count(distinct request_id) as evaluated_requests,
            count(distinct request_id) filter (where judgement = 'reasonable') as redone_requests,
            count(*) as evaluations,
            count(*) filter (where judgement = 'reasonable') as redo_rounds
     from revisits group by unit_id order by unit_id`,
  );
  return rows.map((r) => ({
    unitId: r['unit_id'],
    evaluatedRequests: Number(r['evaluated_requests']),
    redoneRequests: Number(r['redone_requests']),
    evaluations: Number(r['evaluations']),
    redoRounds: Number(r['redo_rounds']),
  }));
}
