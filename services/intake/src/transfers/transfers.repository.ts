import { EntityManager } from 'typeorm';
import { isUuid } from '@hotline/platform';
import type { TransferDirection, TransferState } from '@hotline/vocabulary';

/** What the receiving hotline sees of the request before it accepts: masked, as in RequestBrief. */
export interface TransferBrief {
  number: string;
  title: string;
  content: string;
  requestType: string;
  urgency: string;
  categoryCode: string | null;
  areaCode: string;
  receivedAt: string;
}

/** One side of a transfer, as the hotline holding it keeps it (its own tenant's row). */
export interface TransferSide {
  id: string;
  tenantId: string;
  direction: TransferDirection;
  requestId: string | null;
  number: string;
  counterpartTenant: string;
  state: TransferState;
  reason: string;
  brief: TransferBrief;
  offeredAt: Date;
  offeredBy: string;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

const COLUMNS = `id, tenant_id as "tenantId", direction, request_id as "requestId", number, counterpart_tenant as "counterpartTenant",
  state, reason, brief, offered_at as "offeredAt", offered_by as "offeredBy", decided_at as "decidedAt", decided_by as "decidedBy",
  decision_note as "decisionNote"`;

// No tenant filter here: row-level security scopes each statement to the tenant it runs under.

export async function insertTransferSide(manager: EntityManager, t: TransferSide): Promise<void> {
  await manager.query(
    `insert into request_transfers (id, tenant_id, direction, request_id, number, counterpart_tenant, state, reason, brief, offered_at, offered_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [t.id, t.tenantId, t.direction, t.requestId, t.number, t.counterpartTenant, t.state, t.reason, t.brief, t.offeredAt, t.offeredBy],
  );
}

/** The tenant's side of transfer `id`, locked; null for an unknown or malformed id. */
export async function lockTransferSide(manager: EntityManager, id: string, direction: TransferDirection): Promise<TransferSide | null> {
  if (!isUuid(id)) return null;
  const [row]: TransferSide[] = await manager.query(`select ${COLUMNS} from request_transfers where id = $1 and direction = $2 for update`, [id, direction]);
  return row ?? null;
}

export async function openOutgoingTransferOf(manager: EntityManager, requestId: string): Promise<TransferSide | null> {
  const [row]: TransferSide[] = await manager.query(
    `select ${COLUMNS} from request_transfers where request_id = $1 and direction = 'outgoing' and state = 'offered'`, [requestId]);
  return row ?? null;
}

export async function decideTransferSide(
  manager: EntityManager,
  id: string,
  direction: TransferDirection,
  d: { state: TransferState; decidedAt: Date; decidedBy: string; decisionNote: string | null; requestId?: string },
): Promise<void> {
  await manager.query(
    `update request_transfers set state = $3, decided_at = $4, decided_by = $5, decision_note = $6, request_id = coalesce($7, request_id)
      where id = $1 and direction = $2`,
    [id, direction, d.state, d.decidedAt, d.decidedBy, d.decisionNote, d.requestId ?? null],
  );
}

export interface TransferFilter {
  direction?: TransferDirection;
  state?: TransferState;
  limit: number;
  offset: number;
}

/** The tenant's transfers, newest first, with how many match. */
export async function listTransferSides(manager: EntityManager, f: TransferFilter): Promise<[TransferSide[], number]> {
  const where = `($1::text is null or direction = $1) and ($2::text is null or state = $2)`;
  const rows: TransferSide[] = await manager.query(
    `select ${COLUMNS} from request_transfers where ${where} order by offered_at desc, id limit $3 offset $4`,
    [f.direction ?? null, f.state ?? null, f.limit, f.offset],
  );
  const [{ total }] = await manager.query(`select count(*)::int as total from request_transfers where ${where}`, [f.direction ?? null, f.state ?? null]);
  return [rows, total];
}
