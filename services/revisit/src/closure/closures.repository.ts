import { EntityManager } from 'typeorm';
import type { ClosingBasis } from '@hotline/revisit-domain';

/** Keeps why the request closed (the closing rule's basis) on its progress row. */
export async function recordClosingBasis(manager: EntityManager, requestId: string, basis: ClosingBasis): Promise<void> {
  await manager.query(`update request_progress set closing_basis = $2 where request_id = $1`, [requestId, basis]);
}

/**
 * Closes the request's progress as terminated, in the caller's transaction: the row is created
 * closed when nothing reached revisit yet (no primary answer: its order fields stay empty), so a
 * primary answer arriving later finds it closed and is withdrawn, never reviewed or revisited.
 */
export async function markTerminated(
  manager: EntityManager,
  tenantId: string,
  requestId: string,
  t: { terminatedAt: string; approvedBy: string },
): Promise<void> {
  await manager.query(
    `insert into request_progress (tenant_id, request_id, primary_work_order_id, primary_unit_id, status, updated_at, closed_at, closed_by, closing_basis)
     values ($1, $2, '', '', 'closed', $3, $3, $4, 'terminated')
     on conflict (tenant_id, request_id) do update
       set status = 'closed', updated_at = excluded.updated_at, closed_at = excluded.closed_at, closed_by = excluded.closed_by,
           closing_basis = 'terminated', revisit_outcome = null, skip_reason = null
       where request_progress.status <> 'closed'`,
    [tenantId, requestId, t.terminatedAt, t.approvedBy],
  );
}
