import { EntityManager } from 'typeorm';
import { isUuid } from '@hotline/platform';
import type { SupervisionSource, SupervisionState } from '@hotline/vocabulary';

/** A 督办 order on a unit's work order (tenant-owned, RLS-protected). Instruction and reply are kept masked. */
export interface SupervisionOrder {
  id: string;
  tenantId: string;
  workOrderId: string;
  requestId: string;
  unitId: string;
  unitCode: string;
  source: SupervisionSource;
  instruction: string;
  state: SupervisionState;
  replyDueAt: Date;
  replyOverdue: boolean;
  openedAt: Date;
  openedBy: string;
  reply: string | null;
  repliedAt: Date | null;
  repliedBy: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  closeNote: string | null;
}

const COLUMNS = `id, tenant_id, work_order_id, request_id, unit_id, unit_code, source, instruction, state, reply_due_at,
  reply_overdue, opened_at, opened_by, reply, replied_at, replied_by, closed_at, closed_by, close_note`;

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function fromRow(r: Record<string, unknown>): SupervisionOrder {
  return {
    id: String(r['id']),
    tenantId: String(r['tenant_id']),
    workOrderId: String(r['work_order_id']),
    requestId: String(r['request_id']),
    unitId: String(r['unit_id']),
    unitCode: String(r['unit_code']),
    source: r['source'] as SupervisionSource,
    instruction: String(r['instruction']),
    state: r['state'] as SupervisionState,
    replyDueAt: new Date(r['reply_due_at'] as string),
    replyOverdue: Boolean(r['reply_overdue']),
    openedAt: new Date(r['opened_at'] as string),
    openedBy: String(r['opened_by']),
    reply: (r['reply'] as string | null) ?? null,
    repliedAt: date(r['replied_at']),
    repliedBy: (r['replied_by'] as string | null) ?? null,
    closedAt: date(r['closed_at']),
    closedBy: (r['closed_by'] as string | null) ?? null,
    closeNote: (r['close_note'] as string | null) ?? null,
  };
}

export async function insertSupervision(manager: EntityManager, s: SupervisionOrder): Promise<void> {
  await manager.query(
    `insert into supervision_orders (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [s.id, s.tenantId, s.workOrderId, s.requestId, s.unitId, s.unitCode, s.source, s.instruction, s.state, s.replyDueAt,
      s.replyOverdue, s.openedAt, s.openedBy, s.reply, s.repliedAt, s.repliedBy, s.closedAt, s.closedBy, s.closeNote],
  );
}

/** One order by id (locked for a change when asked); undefined for an id that is not a uuid. */
export async function findSupervision(manager: EntityManager, id: string, forUpdate = false): Promise<SupervisionOrder | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await manager.query(`select ${COLUMNS} from supervision_orders where id = $1 ${forUpdate ? 'for update' : ''}`, [id]);
  return row ? fromRow(row) : undefined;
}

export async function updateSupervision(manager: EntityManager, s: SupervisionOrder): Promise<void> {
  await manager.query(
    `update supervision_orders set state = $2, reply_overdue = $3, reply = $4, replied_at = $5, replied_by = $6,
       closed_at = $7, closed_by = $8, close_note = $9 where id = $1`,
    [s.id, s.state, s.replyOverdue, s.reply, s.repliedAt, s.repliedBy, s.closedAt, s.closedBy, s.closeNote],
  );
}

export interface SupervisionFilter {
  state?: SupervisionState;
  workOrderId?: string;
  /** Only this unit's (unit staff); undefined: every unit. */
  unitCode?: string;
  limit: number;
  offset: number;
}

/** A page of orders, newest first, and how many match. */
export async function listSupervisions(manager: EntityManager, f: SupervisionFilter): Promise<{ total: number; items: SupervisionOrder[] }> {
  const where = `($1::text is null or state = $1) and ($2::uuid is null or work_order_id = $2) and ($3::text is null or unit_code = $3)`;
  const params = [f.state ?? null, f.workOrderId ?? null, f.unitCode ?? null];
  const [{ n }] = await manager.query(`select count(*)::int as n from supervision_orders where ${where}`, params);
  const rows = await manager.query(`select ${COLUMNS} from supervision_orders where ${where} order by opened_at desc, id limit $4 offset $5`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  return { total: Number(n), items: rows.map(fromRow) };
}
