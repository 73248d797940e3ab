import { EntityManager } from 'typeorm';
import type {
  LinkageCounterpart,
  LinkageDeclineReason,
  LinkageDirection,
  LinkageMethod,
  LinkageProgressStep,
  LinkageTransferState,
} from '@hotline/vocabulary';

/** A row of linkage_transfers: one matter handed over, either way. */
export interface LinkageTransfer {
  id: string;
  tenantId: string;
  requestId: string;
  direction: LinkageDirection;
  counterpart: LinkageCounterpart;
  method: LinkageMethod;
  state: LinkageTransferState;
  counterpartRef: string | null;
  listItemCode: string | null;
  offeredBy: string;
  offeredAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  declineReason: LinkageDeclineReason | null;
  decisionNote: string | null;
}

const COLUMNS = `id, tenant_id, request_id, direction, counterpart, method, state, counterpart_ref, list_item_code,
  offered_by, offered_at, decided_at, decided_by, decline_reason, decision_note`;

type Row = Record<string, unknown>;
const toTransfer = (r: Row): LinkageTransfer => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  requestId: r.request_id as string,
  direction: r.direction as LinkageDirection,
  counterpart: r.counterpart as LinkageCounterpart,
  method: r.method as LinkageMethod,
  state: r.state as LinkageTransferState,
  counterpartRef: (r.counterpart_ref as string | null) ?? null,
  listItemCode: (r.list_item_code as string | null) ?? null,
  offeredBy: r.offered_by as string,
  offeredAt: new Date(r.offered_at as string),
  decidedAt: r.decided_at ? new Date(r.decided_at as string) : null,
  decidedBy: (r.decided_by as string | null) ?? null,
  declineReason: (r.decline_reason as LinkageDeclineReason | null) ?? null,
  decisionNote: (r.decision_note as string | null) ?? null,
});

/** Inserts a transfer; false when its counterpart reference (or an open offer of the request) is already there. */
export async function insertTransfer(manager: EntityManager, t: LinkageTransfer): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `insert into linkage_transfers (${COLUMNS})
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     on conflict do nothing returning id`,
    [
      t.id, t.tenantId, t.requestId, t.direction, t.counterpart, t.method, t.state, t.counterpartRef, t.listItemCode,
      t.offeredBy, t.offeredAt, t.decidedAt, t.decidedBy, t.declineReason, t.decisionNote,
    ],
  );
  return rows.length > 0;
}

/** A transfer by id, its row locked until the transaction ends (decisions and time-outs apply one at a time). */
export async function lockTransfer(manager: EntityManager, id: string): Promise<LinkageTransfer | undefined> {
  const [row] = await manager.query(`select ${COLUMNS} from linkage_transfers where id = $1 for update`, [id]);
  return row ? toTransfer(row) : undefined;
}

export async function findTransfer(manager: EntityManager, id: string): Promise<LinkageTransfer | undefined> {
  const [row] = await manager.query(`select ${COLUMNS} from linkage_transfers where id = $1`, [id]);
  return row ? toTransfer(row) : undefined;
}

/** The incoming transfer a counterpart's reference names (the key of its retries). */
export async function findIncoming(manager: EntityManager, counterpart: LinkageCounterpart, ref: string): Promise<LinkageTransfer | undefined> {
  const [row] = await manager.query(
    `select ${COLUMNS} from linkage_transfers where direction = 'incoming' and counterpart = $1 and counterpart_ref = $2`,
    [counterpart, ref],
  );
  return row ? toTransfer(row) : undefined;
}

/** The accepted incoming transfer that became this request, if any. */
export async function findIncomingOfRequest(manager: EntityManager, requestId: string): Promise<LinkageTransfer | undefined> {
  const [row] = await manager.query(
    `select ${COLUMNS} from linkage_transfers where request_id = $1 and direction = 'incoming' and state = 'accepted'`,
    [requestId],
  );
  return row ? toTransfer(row) : undefined;
}

export async function setCounterpartRef(manager: EntityManager, id: string, ref: string): Promise<void> {
  await manager.query(`update linkage_transfers set counterpart_ref = coalesce(counterpart_ref, $2) where id = $1`, [id, ref]);
}

export async function decideTransfer(
  manager: EntityManager,
  id: string,
  decision: { state: LinkageTransferState; at: Date; by: string | null; declineReason: LinkageDeclineReason | null; note: string | null },
): Promise<void> {
  await manager.query(
    `update linkage_transfers set state = $2, decided_at = $3, decided_by = $4, decline_reason = $5, decision_note = $6 where id = $1`,
    [id, decision.state, decision.at, decision.by, decision.declineReason, decision.note],
  );
}

/** Records a progress step of a transfer once: false when it was already recorded. */
export async function insertProgress(
  manager: EntityManager,
  tenantId: string,
  transferId: string,
  step: LinkageProgressStep,
  occurredAt: Date,
  note: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `insert into linkage_progress (tenant_id, transfer_id, step, occurred_at, note) values ($1, $2, $3, $4, $5)
     on conflict do nothing returning step`,
    [tenantId, transferId, step, occurredAt, note.slice(0, 500)],
  );
  return rows.length > 0;
}

export interface LinkageProgress {
  step: LinkageProgressStep;
  occurredAt: Date;
  note: string;
}

export async function progressOf(manager: EntityManager, transferId: string): Promise<LinkageProgress[]> {
  const rows: Row[] = await manager.query(
    `select step, occurred_at, note from linkage_progress where transfer_id = $1 order by occurred_at, recorded_at`,
    [transferId],
  );
  return rows.map((r) => ({ step: r.step as LinkageProgressStep, occurredAt: new Date(r.occurred_at as string), note: r.note as string }));
}

export async function listTransfers(
  manager: EntityManager,
  filter: { state?: LinkageTransferState; direction?: LinkageDirection; requestId?: string; offeredBy?: string; limit: number; offset: number },
): Promise<[LinkageTransfer[], number]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, value: unknown) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  add('state', filter.state);
  add('direction', filter.direction);
  add('request_id', filter.requestId);
  add('offered_by', filter.offeredBy);
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const [{ count }] = await manager.query(`select count(*)::int as count from linkage_transfers ${clause}`, params);
  const rows: Row[] = await manager.query(
    `select ${COLUMNS} from linkage_transfers ${clause} order by offered_at desc, id limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return [rows.map(toTransfer), Number(count)];
}

export interface ThreePartyCall {
  id: string;
  tenantId: string;
  counterpart: LinkageCounterpart;
  callRef: string;
  participants: Array<{ role: string; id: string }>;
  startedAt: Date;
  endedAt: Date;
  firstAcceptedBy: string;
  transferRef: string | null;
}

/** Records a three-party call once per reference: false when it was already recorded. */
export async function insertCall(manager: EntityManager, call: ThreePartyCall): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `insert into linkage_calls (id, tenant_id, counterpart, call_ref, participants, started_at, ended_at, first_accepted_by, transfer_ref)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing returning id`,
    [
      call.id, call.tenantId, call.counterpart, call.callRef, JSON.stringify(call.participants), call.startedAt, call.endedAt,
      call.firstAcceptedBy, call.transferRef,
    ],
  );
  return rows.length > 0;
}

export async function listCalls(manager: EntityManager, limit: number, offset: number): Promise<[ThreePartyCall[], number]> {
  const [{ count }] = await manager.query(`select count(*)::int as count from linkage_calls`);
  const rows: Row[] = await manager.query(
    `select id, tenant_id, counterpart, call_ref, participants, started_at, ended_at, first_accepted_by, transfer_ref
     from linkage_calls order by started_at desc, id limit $1 offset $2`,
    [limit, offset],
  );
  return [
    rows.map((r) => ({
      id: r.id as string,
      tenantId: r.tenant_id as string,
      counterpart: r.counterpart as LinkageCounterpart,
      callRef: r.call_ref as string,
      participants: r.participants as ThreePartyCall['participants'],
      startedAt: new Date(r.started_at as string),
      endedAt: new Date(r.ended_at as string),
      firstAcceptedBy: r.first_accepted_by as string,
      transferRef: (r.transfer_ref as string | null) ?? null,
    })),
    Number(count),
  ];
}

/** One line of the gateway's audit: every call in and out, with its outcome. */
export async function auditCall(
  manager: EntityManager,
  entry: { tenantId: string; peer: string; direction: LinkageDirection; method: string; reference: string; outcome: string },
): Promise<void> {
  await manager.query(
    `insert into linkage_audit (tenant_id, peer, direction, method, reference, outcome) values ($1, $2, $3, $4, $5, $6)`,
    [entry.tenantId, entry.peer, entry.direction, entry.method, entry.reference.slice(0, 200), entry.outcome.slice(0, 200)],
  );
}
