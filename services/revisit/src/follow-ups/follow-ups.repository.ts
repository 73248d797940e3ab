import { EntityManager } from 'typeorm';
import type { FollowUpReason, FollowUpState, Resolution, Satisfaction } from '@hotline/vocabulary';

// follow_ups and follow_up_history are read and written with SQL (no entities); RLS scopes every
// statement to the transaction's tenant.

/** A follow-up (持续跟踪) as revisit keeps it, with its unit's code as the case file knows it. */
export interface FollowUp {
  id: string;
  tenantId: string;
  requestId: string;
  /** The request's number from its brief; null when no brief reached revisit. */
  requestNumber: string | null;
  unitId: string;
  /** The unit's code (the `unit` claim of its staff): from the case file; null while unknown. */
  unitCode: string | null;
  workOrderId: string;
  reason: FollowUpReason;
  state: FollowUpState;
  /** YYYY-MM-DD: the date the unit next reports by. */
  dueOn: string;
  round: number;
  /** Why it was closed into a follow-up (masked). */
  note: string;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  endedAt: Date | null;
}

/** One change of a follow-up, oldest first: what its history keeps. */
export interface FollowUpChange {
  seq: number;
  state: FollowUpState;
  dueOn: string;
  round: number;
  note: string;
  resolution: Resolution | null;
  satisfaction: Satisfaction | null;
  changedAt: Date;
  changedBy: string;
}

interface FollowUpRow {
  id: string;
  tenant_id: string;
  request_id: string;
  request_number: string | null;
  unit_id: string;
  unit_code: string | null;
  work_order_id: string;
  reason: FollowUpReason;
  state: FollowUpState;
  due_on: string;
  round: number;
  note: string;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  ended_at: Date | null;
}

const toFollowUp = (r: FollowUpRow): FollowUp => ({
  id: r.id,
  tenantId: r.tenant_id,
  requestId: r.request_id,
  requestNumber: r.request_number,
  unitId: r.unit_id,
  unitCode: r.unit_code,
  workOrderId: r.work_order_id,
  reason: r.reason,
  state: r.state,
  dueOn: r.due_on,
  round: r.round,
  note: r.note,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  endedAt: r.ended_at,
});

/**
 * The unit's code from the case file: the primary order's (WorkOrderCreated), else the dispatch's
 * assignment of that unit (RequestDispatched), whichever event reached revisit; read when asked,
 * so an order's event arriving after the follow-up was opened still counts.
 */
const SELECT = `
  select f.id, f.tenant_id, f.request_id, f.unit_id, f.work_order_id, f.reason, f.state, to_char(f.due_on, 'YYYY-MM-DD') as due_on,
         f.round, f.note, f.created_at, f.created_by, f.updated_at, f.ended_at,
         (select c.brief->>'number' from case_requests c where c.tenant_id = f.tenant_id and c.request_id = f.request_id) as request_number,
         coalesce(
           (select w.unit_code from case_work_orders w where w.tenant_id = f.tenant_id and w.work_order_id = f.work_order_id),
           (select a->>'unitCode' from case_dispatches d, jsonb_array_elements(d.assignments) a
             where d.tenant_id = f.tenant_id and d.request_id = f.request_id and a->>'unitId' = f.unit_id and coalesce(a->>'unitCode', '') <> ''
             order by d.dispatched_at desc limit 1)
         ) as unit_code
  from follow_ups f`;

export async function insertFollowUp(
  manager: EntityManager,
  f: Pick<FollowUp, 'id' | 'tenantId' | 'requestId' | 'unitId' | 'workOrderId' | 'reason' | 'dueOn' | 'note' | 'createdAt' | 'createdBy'>,
): Promise<void> {
  await manager.query(
    `insert into follow_ups (id, tenant_id, request_id, unit_id, work_order_id, reason, state, due_on, round, note, created_at, created_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, 'scheduled', $7, 1, $8, $9, $10, $9)`,
    [f.id, f.tenantId, f.requestId, f.unitId, f.workOrderId, f.reason, f.dueOn, f.note, f.createdAt, f.createdBy],
  );
}

/** The follow-up, locked for update when asked; null when there is none (in this tenant). */
export async function findFollowUp(manager: EntityManager, id: string, lock = false): Promise<FollowUp | null> {
  if (lock) await manager.query(`select 1 from follow_ups where id = $1 for update`, [id]);
  const [row]: FollowUpRow[] = await manager.query(`${SELECT} where f.id = $1`, [id]);
  return row ? toFollowUp(row) : null;
}

/** The request's follow-up not yet ended, locked; null when none. */
export async function openFollowUpOf(manager: EntityManager, requestId: string): Promise<FollowUp | null> {
  const [row]: Array<{ id: string }> = await manager.query(
    `select id from follow_ups where request_id = $1 and state <> 'ended' for update`,
    [requestId],
  );
  return row ? findFollowUp(manager, row.id) : null;
}

/** Moves a follow-up to its new state (and date and round), at `at`. */
export async function updateFollowUp(
  manager: EntityManager,
  f: Pick<FollowUp, 'id' | 'state' | 'dueOn' | 'round'>,
  at: Date,
): Promise<void> {
  await manager.query(
    `update follow_ups set state = $2::text, due_on = $3::date, round = $4, updated_at = $5::timestamptz,
            ended_at = case when $2::text = 'ended' then $5::timestamptz end
     where id = $1`,
    [f.id, f.state, f.dueOn, f.round, at],
  );
}

/** Appends one change to the follow-up's history, numbered from 1. */
export async function appendChange(
  manager: EntityManager,
  tenantId: string,
  followUpId: string,
  c: Omit<FollowUpChange, 'seq'>,
): Promise<void> {
  await manager.query(
    `insert into follow_up_history (tenant_id, follow_up_id, seq, state, due_on, round, note, resolution, satisfaction, changed_at, changed_by)
     values ($1, $2, (select coalesce(max(seq), 0) + 1 from follow_up_history where follow_up_id = $2), $3, $4, $5, $6, $7, $8, $9, $10)`,
    [tenantId, followUpId, c.state, c.dueOn, c.round, c.note, c.resolution, c.satisfaction, c.changedAt, c.changedBy],
  );
}

export async function historyOf(manager: EntityManager, followUpId: string): Promise<FollowUpChange[]> {
  const rows: Array<{
    seq: number; state: FollowUpState; due_on: string; round: number; note: string;
    resolution: Resolution | null; satisfaction: Satisfaction | null; changed_at: Date; changed_by: string;
  }> = await manager.query(
    `select seq, state, to_char(due_on, 'YYYY-MM-DD') as due_on, round, note, resolution, satisfaction, changed_at, changed_by
     from follow_up_history where follow_up_id = $1 order by seq`,
    [followUpId],
  );
  return rows.map((r) => ({
    seq: r.seq, state: r.state, dueOn: r.due_on, round: r.round, note: r.note,
    resolution: r.resolution, satisfaction: r.satisfaction, changedAt: r.changed_at, changedBy: r.changed_by,
  }));
}

export interface FollowUpFilter {
  state?: FollowUpState;
  unitId?: string;
  /** Only the follow-ups of the unit with this code (unit staff); undefined: every unit. */
  unitCode?: string;
  limit: number;
  offset: number;
}

/** Follow-ups by their date, soonest first (then oldest), with the total matching. */
export async function listFollowUps(manager: EntityManager, filter: FollowUpFilter): Promise<{ items: FollowUp[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.state) add('v.state = ?', filter.state);
  if (filter.unitId) add('v.unit_id = ?', filter.unitId);
  if (filter.unitCode !== undefined) add('v.unit_code = ?', filter.unitCode);
  const from = `from (${SELECT}) v ${where.length ? `where ${where.join(' and ')}` : ''}`;
  const [{ total }]: Array<{ total: number }> = await manager.query(`select count(*)::int as total ${from}`, params);
  const rows: FollowUpRow[] = await manager.query(
    `select * ${from} order by v.due_on, v.created_at, v.id limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return { items: rows.map(toFollowUp), total };
}
