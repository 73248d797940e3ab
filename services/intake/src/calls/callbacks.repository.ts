import { EntityManager } from 'typeorm';
import type { CallbackResult, CallbackState } from '@hotline/vocabulary';
import type { ListCallbacks } from './calls.schemas';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

export interface Callback {
  id: string;
  tenantId: string;
  callerKey: string;
  callerNumberEnc: Buffer;
  queue: string;
  firstCallId: string;
  lastCallId: string;
  abandonedCalls: number;
  firstAbandonedAt: Date;
  lastAbandonedAt: Date;
  dueAt: Date;
  overdueAt: Date | null;
  state: CallbackState;
  claimedBy: string | null;
  claimedAt: Date | null;
  attempts: number;
  result: CallbackResult | null;
  requestNumber: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  closedByCallId: string | null;
  /** A supervisor's reason for a cancellation, masked. */
  closeNote: string | null;
  createdAt: Date;
}

const COLUMNS = `id, tenant_id as "tenantId", caller_key as "callerKey", caller_number_enc as "callerNumberEnc", queue,
  first_call_id as "firstCallId", last_call_id as "lastCallId", abandoned_calls as "abandonedCalls",
  first_abandoned_at as "firstAbandonedAt", last_abandoned_at as "lastAbandonedAt", due_at as "dueAt", overdue_at as "overdueAt", state,
  claimed_by as "claimedBy", claimed_at as "claimedAt", attempts, result, request_number as "requestNumber", closed_at as "closedAt",
  closed_by as "closedBy", closed_by_call_id as "closedByCallId", close_note as "closeNote", created_at as "createdAt"`;

/**
 * Opens a callback item for the caller, or joins the abandon to the caller's open one (one
 * statement on the partial unique index, so two abandons at once make one item with two calls).
 * The due stays the first abandon's: the caller has waited since then. Returns the item and
 * whether it is new.
 */
export async function openOrJoinCallback(
  manager: EntityManager,
  c: { id: string; tenantId: string; callerKey: string; callerNumberEnc: Buffer; queue: string; callId: string; abandonedAt: Date; dueAt: Date; now: Date },
): Promise<{ callback: Callback; created: boolean }> {
  const [row]: Array<Callback & { created: boolean }> = await manager.query(
    `insert into callbacks (id, tenant_id, caller_key, caller_number_enc, queue, first_call_id, last_call_id, first_abandoned_at,
       last_abandoned_at, due_at, state, created_at)
     values ($1, $2, $3, $4, $5, $6, $6, $7, $7, $8, 'pending', $9)
     on conflict (tenant_id, caller_key) where state in ('pending', 'claimed') do update
       set abandoned_calls = callbacks.abandoned_calls + 1,
           last_call_id = case when excluded.last_abandoned_at >= callbacks.last_abandoned_at then excluded.last_call_id else callbacks.last_call_id end,
           last_abandoned_at = greatest(callbacks.last_abandoned_at, excluded.last_abandoned_at),
           caller_number_enc = excluded.caller_number_enc
     returning ${COLUMNS}, (xmax = 0) as created`,
    [c.id, c.tenantId, c.callerKey, c.callerNumberEnc, c.queue, c.callId, c.abandonedAt, c.dueAt, c.now],
  );
  const { created, ...callback } = row;
  return { callback, created };
}

export async function lockCallback(manager: EntityManager, id: string): Promise<Callback | undefined> {
  const [row]: Callback[] = await manager.query(`select ${COLUMNS} from callbacks where id = $1 for update`, [id]);
  return row;
}

export async function findCallback(manager: EntityManager, id: string): Promise<Callback | undefined> {
  const [row]: Callback[] = await manager.query(`select ${COLUMNS} from callbacks where id = $1`, [id]);
  return row;
}

/** The caller's open item, locked, if one was opened before `answeredAt` (a later answer closes it). */
export async function lockOpenCallbackOf(manager: EntityManager, callerKey: string, answeredAt: Date): Promise<Callback | undefined> {
  const [row]: Callback[] = await manager.query(
    `select ${COLUMNS} from callbacks where caller_key = $1 and state in ('pending', 'claimed') and last_abandoned_at <= $2 for update`,
    [callerKey, answeredAt],
  );
  return row;
}

export async function claimCallback(manager: EntityManager, id: string, by: string, at: Date): Promise<void> {
  await manager.query(`update callbacks set state = 'claimed', claimed_by = $2, claimed_at = $3 where id = $1`, [id, by, at]);
}

/** Back in the queue after an attempt that reached nobody: the attempt counted, the claim released. */
export async function releaseCallback(manager: EntityManager, id: string, attempts: number, result: CallbackResult): Promise<void> {
  await manager.query(`update callbacks set state = 'pending', claimed_by = null, claimed_at = null, attempts = $2, result = $3 where id = $1`, [
    id,
    attempts,
    result,
  ]);
}

export async function closeCallback(
  manager: EntityManager,
  id: string,
  close: { state: CallbackState; at: Date; by: string; attempts?: number; result?: CallbackResult | null; requestNumber?: string | null; byCallId?: string | null; note?: string | null },
): Promise<void> {
  await manager.query(
    `update callbacks set state = $2, closed_at = $3, closed_by = $4, attempts = coalesce($5, attempts), result = coalesce($6, result),
       request_number = coalesce($7, request_number), closed_by_call_id = $8, close_note = $9
     where id = $1`,
    [id, close.state, close.at, close.by, close.attempts ?? null, close.result ?? null, close.requestNumber ?? null, close.byCallId ?? null, close.note ?? null],
  );
}

export async function markOverdue(manager: EntityManager, id: string, at: Date): Promise<boolean> {
  const changed: unknown[] = await manager.query(
    `update callbacks set overdue_at = $2 where id = $1 and state in ('pending', 'claimed') and overdue_at is null returning id`,
    [id, at],
  );
  return changed.length > 0;
}

export async function insertAttempt(
  manager: EntityManager,
  a: { id: string; tenantId: string; callbackId: string; result: CallbackResult; requestNumber: string | null; note: string | null; by: string; at: Date },
): Promise<void> {
  await manager.query(
    `insert into callback_attempts (id, tenant_id, callback_id, result, request_number, note, by_subject, at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [a.id, a.tenantId, a.callbackId, a.result, a.requestNumber, a.note, a.by, a.at],
  );
}

export interface CallbackAttempt {
  result: CallbackResult;
  requestNumber: string | null;
  note: string | null;
  by: string;
  at: Date;
}

export async function attemptsOf(manager: EntityManager, callbackId: string): Promise<CallbackAttempt[]> {
  return manager.query(
    `select result, request_number as "requestNumber", note, by_subject as "by", at from callback_attempts where callback_id = $1 order by at, id`,
    [callbackId],
  );
}

/** The open states by default; earliest due first (the order to call back in). */
export async function listCallbacks(manager: EntityManager, q: ListCallbacks): Promise<[Callback[], number]> {
  const where = `where state = any($1) and ($2::boolean is null or (overdue_at is not null) = $2)`;
  const filters = [q.state ?? ['pending', 'claimed'], q.overdue ?? null];
  const rows: Callback[] = await manager.query(`select ${COLUMNS} from callbacks ${where} order by due_at, id limit $3 offset $4`, [
    ...filters,
    q.limit,
    q.offset,
  ]);
  const [{ n }] = await manager.query(`select count(*)::int as n from callbacks ${where}`, filters);
  return [rows, Number(n)];
}
