import { EntityManager } from 'typeorm';
import { DEFAULT_URGING_POLICY, UrgingPolicy } from '@hotline/handling-domain';
import type { UrgeLevel, UrgeMethod } from '@hotline/vocabulary';
import { UrgingPolicyEntity } from './urging-policy.entity';

/** One urge of a work order (催办, 催办通知书 or 通报). */
export interface WorkOrderUrge {
  id: string;
  tenantId: string;
  workOrderId: string;
  level: UrgeLevel;
  method: UrgeMethod;
  /** Masked: the hotline writes about the case, not about the requester. */
  note: string | null;
  urgedAt: Date;
  urgedBy: string;
  /** The handling due the order was measured against, and whether it had passed. */
  dueAt: Date;
  overdue: boolean;
  copiedToLeader: boolean;
}

/**
 * Records an urge. The ladder's notice and circular exist once per order (a unique index): a
 * timer fired twice records nothing the second time, and this returns false.
 */
export async function insertUrge(manager: EntityManager, u: WorkOrderUrge): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `insert into work_order_urges (id, tenant_id, work_order_id, level, method, note, urged_at, urged_by, due_at, overdue, copied_to_leader)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict do nothing
     returning id`,
    [u.id, u.tenantId, u.workOrderId, u.level, u.method, u.note, u.urgedAt, u.urgedBy, u.dueAt, u.overdue, u.copiedToLeader],
  );
  return rows.length === 1;
}

/** The order's urges, oldest first. */
export async function urgesOf(manager: EntityManager, workOrderId: string): Promise<WorkOrderUrge[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `select id, tenant_id, work_order_id, level, method, note, urged_at, urged_by, due_at, overdue, copied_to_leader
       from work_order_urges where work_order_id = $1 order by urged_at, id`,
    [workOrderId],
  );
  return rows.map((r) => ({
    id: String(r['id']),
    tenantId: String(r['tenant_id']),
    workOrderId: String(r['work_order_id']),
    level: r['level'] as UrgeLevel,
    method: r['method'] as UrgeMethod,
    note: (r['note'] as string | null) ?? null,
    urgedAt: new Date(r['urged_at'] as string),
    urgedBy: String(r['urged_by']),
    dueAt: new Date(r['due_at'] as string),
    overdue: Boolean(r['overdue']),
    copiedToLeader: Boolean(r['copied_to_leader']),
  }));
}

/** How many urges the order has had. */
export async function urgeCount(manager: EntityManager, workOrderId: string): Promise<number> {
  const [row] = await manager.query(`select count(*)::int as n from work_order_urges where work_order_id = $1`, [workOrderId]);
  return Number(row?.n ?? 0);
}

/** The tenant's ladder (RLS scopes the query), DEFAULT_URGING_POLICY without a row of its own. */
export async function loadUrgingPolicy(manager: EntityManager): Promise<UrgingPolicy & { source: 'tenant' | 'default' }> {
  const row = await manager.getRepository(UrgingPolicyEntity).findOne({ where: {} });
  return row
    ? {
        noticeAfterDueWorkingDays: row.noticeAfterDueWorkingDays,
        circularAfterNoticeWorkingDays: row.circularAfterNoticeWorkingDays,
        circularAfterUrges: row.circularAfterUrges,
        source: 'tenant',
      }
    : { ...DEFAULT_URGING_POLICY, source: 'default' };
}

export async function saveUrgingPolicy(manager: EntityManager, row: UrgingPolicyEntity): Promise<void> {
  await manager.getRepository(UrgingPolicyEntity).save(row);
}
