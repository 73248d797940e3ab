import { EntityManager } from 'typeorm';
import { isUuid } from '@hotline/platform';
import type { SharingPushDeliveryState, SharingPushState } from '@hotline/vocabulary';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

/** The durable timer of a feed (key: the agreement id): when its next batch, or its next attempt, is due. */
export const PUSH_TIMER = 'sharing-push';

/** An agreement's push feed: where it goes, how it signs, and how far the department has acknowledged it. */
export interface PushSubscription {
  tenantId: string;
  agreementId: string;
  url: string;
  /** The signing secret under the tenant's PII key. */
  secretEnc: Buffer;
  secretRotatedAt: Date;
  batchSize: number;
  state: SharingPushState;
  stateReason: string | null;
  /** The `next` of the last batch acknowledged with a 2xx; null: from `since`, or from the agreement's start. */
  cursor: string | null;
  since: Date | null;
  setBy: string;
  setAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

const SUBSCRIPTION_COLUMNS = `tenant_id as "tenantId", agreement_id as "agreementId", url, secret_enc as "secretEnc",
  secret_rotated_at as "secretRotatedAt", batch_size as "batchSize", state, state_reason as "stateReason", cursor, since,
  set_by as "setBy", set_at as "setAt", updated_by as "updatedBy", updated_at as "updatedAt"`;

export async function findSubscription(m: EntityManager, agreementId: string, lock = false): Promise<PushSubscription | null> {
  if (!isUuid(agreementId)) return null;
  const [row]: PushSubscription[] = await m.query(
    `select ${SUBSCRIPTION_COLUMNS} from sharing_push_subscriptions where agreement_id = $1 ${lock ? 'for update' : ''}`,
    [agreementId],
  );
  return row ?? null;
}

/** Writes the whole subscription (created, or changed in any of its parts). */
export async function saveSubscription(m: EntityManager, s: PushSubscription): Promise<void> {
  await m.query(
    `insert into sharing_push_subscriptions (tenant_id, agreement_id, url, secret_enc, secret_rotated_at, batch_size, state, state_reason,
       cursor, since, set_by, set_at, updated_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     on conflict (tenant_id, agreement_id) do update set url = excluded.url, secret_enc = excluded.secret_enc,
       secret_rotated_at = excluded.secret_rotated_at, batch_size = excluded.batch_size, state = excluded.state,
       state_reason = excluded.state_reason, cursor = excluded.cursor, since = excluded.since,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [
      s.tenantId, s.agreementId, s.url, s.secretEnc, s.secretRotatedAt, s.batchSize, s.state, s.stateReason,
      s.cursor, s.since, s.setBy, s.setAt, s.updatedBy, s.updatedAt,
    ],
  );
}

export async function deleteSubscription(m: EntityManager, agreementId: string): Promise<void> {
  await m.query(`delete from sharing_push_subscriptions where agreement_id = $1`, [agreementId]);
}

/** One pushed batch. */
export interface PushDelivery {
  tenantId: string;
  id: string;
  agreementId: string;
  releaseId: string;
  url: string;
  /** The signed JSON under the tenant's PII key, while the batch may still be sent. */
  bodyEnc: Buffer | null;
  itemCount: number;
  cursorAfter: string | null;
  cursorNext: string;
  state: SharingPushDeliveryState;
  stateReason: string | null;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
  endedAt: Date | null;
}

const DELIVERY_COLUMNS = `tenant_id as "tenantId", id, agreement_id as "agreementId", release_id as "releaseId", url, body_enc as "bodyEnc",
  item_count as "itemCount", cursor_after as "cursorAfter", cursor_next as "cursorNext", state, state_reason as "stateReason", attempts,
  last_status as "lastStatus", last_error as "lastError", next_attempt_at as "nextAttemptAt", created_at as "createdAt",
  delivered_at as "deliveredAt", ended_at as "endedAt"`;

export async function insertDelivery(m: EntityManager, d: PushDelivery): Promise<void> {
  await m.query(
    `insert into sharing_push_deliveries (tenant_id, id, agreement_id, release_id, url, body_enc, item_count, cursor_after, cursor_next, state,
       state_reason, attempts, last_status, last_error, next_attempt_at, created_at, delivered_at, ended_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      d.tenantId, d.id, d.agreementId, d.releaseId, d.url, d.bodyEnc, d.itemCount, d.cursorAfter, d.cursorNext, d.state,
      d.stateReason, d.attempts, d.lastStatus, d.lastError, d.nextAttemptAt, d.createdAt, d.deliveredAt, d.endedAt,
    ],
  );
}

/** Writes where a batch stands (its state, attempts, last outcome, next attempt, body kept or erased). */
export async function updateDelivery(m: EntityManager, d: PushDelivery): Promise<void> {
  await m.query(
    `update sharing_push_deliveries set body_enc = $2, state = $3, state_reason = $4, attempts = $5, last_status = $6, last_error = $7,
       next_attempt_at = $8, delivered_at = $9, ended_at = $10
      where id = $1`,
    [d.id, d.bodyEnc, d.state, d.stateReason, d.attempts, d.lastStatus, d.lastError, d.nextAttemptAt, d.deliveredAt, d.endedAt],
  );
}

export async function findDelivery(m: EntityManager, agreementId: string, id: string, lock = false): Promise<PushDelivery | null> {
  if (!isUuid(id)) return null;
  const [row]: PushDelivery[] = await m.query(
    `select ${DELIVERY_COLUMNS} from sharing_push_deliveries where agreement_id = $1 and id = $2 ${lock ? 'for update' : ''}`,
    [agreementId, id],
  );
  return row ?? null;
}

/** The agreement's batch still being sent, if any (at most one: batches go in order). */
export async function openDelivery(m: EntityManager, agreementId: string, lock = false): Promise<PushDelivery | null> {
  const [row]: PushDelivery[] = await m.query(
    `select ${DELIVERY_COLUMNS} from sharing_push_deliveries where agreement_id = $1 and state = 'pending' ${lock ? 'for update' : ''}`,
    [agreementId],
  );
  return row ?? null;
}

/** Where the department last acknowledged the feed: the `next` of the newest delivered batch. */
export async function lastDeliveredCursor(m: EntityManager, agreementId: string): Promise<string | null> {
  const [row]: Array<{ cursor: string }> = await m.query(
    `select cursor_next as cursor from sharing_push_deliveries where agreement_id = $1 and state = 'delivered'
      order by delivered_at desc, id desc limit 1`,
    [agreementId],
  );
  return row?.cursor ?? null;
}

/** Cancels the batch still being sent (its body erased), for `reason`. */
export async function cancelOpenDelivery(m: EntityManager, agreementId: string, reason: string, now: Date): Promise<void> {
  await m.query(
    `update sharing_push_deliveries set state = 'cancelled', state_reason = $2, body_enc = null, next_attempt_at = null, ended_at = $3
      where agreement_id = $1 and state = 'pending'`,
    [agreementId, reason, now],
  );
}

export interface DeliveryFilter {
  state?: SharingPushDeliveryState;
  limit: number;
  offset: number;
}

/** An agreement's batches, newest first, and how many match. */
export async function listDeliveries(m: EntityManager, agreementId: string, f: DeliveryFilter): Promise<[PushDelivery[], number]> {
  const where = `where agreement_id = $1 and ($2::text is null or state = $2)`;
  const filters = [agreementId, f.state ?? null];
  const rows: PushDelivery[] = await m.query(
    `select ${DELIVERY_COLUMNS} from sharing_push_deliveries ${where} order by created_at desc, id desc limit $3 offset $4`,
    [...filters, f.limit, f.offset],
  );
  const [{ total }] = await m.query(`select count(*)::int as total from sharing_push_deliveries ${where}`, filters);
  return [rows, total];
}

/** One attempt to send a batch: when, whether a 2xx came back, the HTTP status, an error code (never a body), how long it took. */
export interface PushAttempt {
  attempt: number;
  attemptedAt: Date;
  outcome: 'delivered' | 'failed';
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export async function insertAttempt(m: EntityManager, tenantId: string, deliveryId: string, a: PushAttempt): Promise<void> {
  await m.query(
    `insert into sharing_push_attempts (tenant_id, delivery_id, attempt, attempted_at, outcome, http_status, error, duration_ms)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [tenantId, deliveryId, a.attempt, a.attemptedAt, a.outcome, a.httpStatus, a.error, a.durationMs],
  );
}

export async function attemptsOf(m: EntityManager, deliveryIds: readonly string[]): Promise<Map<string, PushAttempt[]>> {
  const rows: Array<PushAttempt & { deliveryId: string }> = await m.query(
    `select delivery_id as "deliveryId", attempt, attempted_at as "attemptedAt", outcome, http_status as "httpStatus", error,
            duration_ms as "durationMs"
       from sharing_push_attempts where delivery_id = any($1::uuid[]) order by delivery_id, attempt`,
    [deliveryIds],
  );
  const byDelivery = new Map<string, PushAttempt[]>(deliveryIds.map((id) => [id, []]));
  for (const { deliveryId, ...a } of rows) byDelivery.get(deliveryId)?.push(a);
  return byDelivery;
}
