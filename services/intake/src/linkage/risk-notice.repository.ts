import { EntityManager } from 'typeorm';
import { isUuid } from '@hotline/platform';
import type { AlertKind, AlertSeverity, LinkageRiskNoticeState, RiskCategory } from '@hotline/vocabulary';

/** The durable timer of a notice's next delivery attempt: one per notice, keyed by its alert. */
export const RISK_NOTICE_TIMER = 'linkage-risk-notice';

/** The timer's key: alert ids are analytics' UUIDv7, the tenant keeps two cities' apart regardless. */
export const riskNoticeTimerKey = (tenantId: string, alertId: string) => `${tenantId}/${alertId}`;

/** A row of linkage_risk_notices: one stability-risk alert as 110 is told of it. */
export interface RiskNotice {
  id: string;
  tenantId: string;
  alertId: string;
  alertKind: AlertKind;
  severity: AlertSeverity;
  riskCategories: RiskCategory[];
  categoryCode: string | null;
  areaCode: string | null;
  summary: string;
  requestCount: number;
  requestIds: string[];
  /** Beside requestIds, '' where intake has no such request. */
  requestNumbers: string[];
  revision: number;
  state: LinkageRiskNoticeState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  peer: string | null;
  counterpartRef: string | null;
  sentRevision: number | null;
  sentAt: Date | null;
  acknowledgedRevision: number | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgementNote: string | null;
  raisedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, tenant_id, alert_id, alert_kind, severity, risk_categories, category_code, area_code, summary, request_count,
  request_ids, request_numbers, revision, state, attempts, last_error, next_attempt_at, peer, counterpart_ref, sent_revision, sent_at,
  acknowledged_revision, acknowledged_at, acknowledged_by, acknowledgement_note, raised_at, created_at, updated_at`;

type Row = Record<string, unknown>;
const date = (v: unknown) => (v ? new Date(v as string) : null);
const toNotice = (r: Row): RiskNotice => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  alertId: r.alert_id as string,
  alertKind: r.alert_kind as AlertKind,
  severity: r.severity as AlertSeverity,
  riskCategories: r.risk_categories as RiskCategory[],
  categoryCode: (r.category_code as string | null) ?? null,
  areaCode: (r.area_code as string | null) ?? null,
  summary: r.summary as string,
  requestCount: Number(r.request_count),
  requestIds: r.request_ids as string[],
  requestNumbers: r.request_numbers as string[],
  revision: Number(r.revision),
  state: r.state as LinkageRiskNoticeState,
  attempts: Number(r.attempts),
  lastError: (r.last_error as string | null) ?? null,
  nextAttemptAt: date(r.next_attempt_at),
  peer: (r.peer as string | null) ?? null,
  counterpartRef: (r.counterpart_ref as string | null) ?? null,
  sentRevision: r.sent_revision === null || r.sent_revision === undefined ? null : Number(r.sent_revision),
  sentAt: date(r.sent_at),
  acknowledgedRevision: r.acknowledged_revision === null || r.acknowledged_revision === undefined ? null : Number(r.acknowledged_revision),
  acknowledgedAt: date(r.acknowledged_at),
  acknowledgedBy: (r.acknowledged_by as string | null) ?? null,
  acknowledgementNote: (r.acknowledgement_note as string | null) ?? null,
  raisedAt: new Date(r.raised_at as string),
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
});

/** What an alert says, as the notice keeps it (codes, counts and references only). */
export interface RiskNoticeContent {
  alertKind: AlertKind;
  severity: AlertSeverity;
  riskCategories: RiskCategory[];
  categoryCode: string | null;
  areaCode: string | null;
  summary: string;
  requestCount: number;
  requestIds: string[];
  requestNumbers: string[];
  raisedAt: Date;
}

/** A new notice, pending; undefined when the alert has one already (a repeated AlertRaised). */
export async function insertNotice(m: EntityManager, tenantId: string, id: string, alertId: string, c: RiskNoticeContent, now: Date): Promise<string | undefined> {
  const rows: Array<{ id: string }> = await m.query(
    `insert into linkage_risk_notices (id, tenant_id, alert_id, alert_kind, severity, risk_categories, category_code, area_code, summary,
       request_count, request_ids, request_numbers, state, next_attempt_at, raised_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending', $13, $14, $13, $13)
     on conflict (tenant_id, alert_id) do nothing returning id`,
    [id, tenantId, alertId, c.alertKind, c.severity, c.riskCategories, c.categoryCode, c.areaCode, c.summary, c.requestCount, c.requestIds, c.requestNumbers, now, c.raisedAt],
  );
  return rows[0]?.id;
}

/**
 * An escalation: the notice takes the alert's news as its next revision and is pending again,
 * only if the severity rose (an escalation delivered late, after a higher one, changes nothing).
 * The rank comparison is in the statement, so two replicas' escalations settle on the higher.
 */
export async function reviseNotice(m: EntityManager, tenantId: string, alertId: string, c: RiskNoticeContent, now: Date): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `update linkage_risk_notices set severity = $3, risk_categories = $4, category_code = $5, area_code = $6, summary = $7,
       request_count = $8, request_ids = $9, request_numbers = $10, revision = revision + 1, state = 'pending', attempts = 0,
       last_error = null, next_attempt_at = $11, updated_at = $11
     where tenant_id = $1 and alert_id = $2
       and array_position(array['low', 'medium', 'high', 'critical'], severity) < array_position(array['low', 'medium', 'high', 'critical'], $3::text)
     returning id`,
    [tenantId, alertId, c.severity, c.riskCategories, c.categoryCode, c.areaCode, c.summary, c.requestCount, c.requestIds, c.requestNumbers, now],
  );
  return rows.length > 0;
}

export async function findNoticeOfAlert(m: EntityManager, tenantId: string, alertId: string): Promise<RiskNotice | undefined> {
  const [row] = await m.query(`select ${COLUMNS} from linkage_risk_notices where tenant_id = $1 and alert_id = $2`, [tenantId, alertId]);
  return row ? toNotice(row) : undefined;
}

export async function findNotice(m: EntityManager, id: string, lock = false): Promise<RiskNotice | undefined> {
  const [row] = await m.query(`select ${COLUMNS} from linkage_risk_notices where id = $1${lock ? ' for update' : ''}`, [id]);
  return row ? toNotice(row) : undefined;
}

export async function listNotices(
  m: EntityManager,
  q: { state?: LinkageRiskNoticeState; alertId?: string; limit: number; offset: number },
): Promise<[RiskNotice[], number]> {
  const where = `($1::text is null or state = $1) and ($2::text is null or alert_id = $2)`;
  const rows: Row[] = await m.query(
    `select ${COLUMNS} from linkage_risk_notices where ${where} order by created_at desc, id desc limit $3 offset $4`,
    [q.state ?? null, q.alertId ?? null, q.limit, q.offset],
  );
  const [{ total }] = await m.query(`select count(*)::int as total from linkage_risk_notices where ${where}`, [q.state ?? null, q.alertId ?? null]);
  return [rows.map(toNotice), Number(total)];
}

/**
 * 110 has the revision (its receipt): sent, unless 110's acknowledgement of it came first (the
 * peer may answer and acknowledge before this transaction commits) or a newer revision waits.
 */
export async function markSent(m: EntityManager, n: RiskNotice, peer: string, counterpartRef: string, at: Date): Promise<void> {
  await m.query(
    `update linkage_risk_notices set state = case when state = 'pending' and revision = $2 then 'sent' else state end,
       attempts = attempts + 1, last_error = null, next_attempt_at = null, peer = $3, counterpart_ref = coalesce(nullif($4, ''), counterpart_ref),
       sent_revision = greatest(coalesce(sent_revision, 0), $2), sent_at = $5, updated_at = $5
     where id = $1`,
    [n.id, n.revision, peer, counterpartRef, at],
  );
}

/** A failed attempt: pending until `nextAt` (an outage), or failed for good (`nextAt` null: refused, or no peer). */
export async function markAttemptFailed(m: EntityManager, n: RiskNotice, error: string, nextAt: Date | null, at: Date, peer: string | null): Promise<void> {
  await m.query(
    `update linkage_risk_notices set state = case when $3::timestamptz is null then 'failed' else 'pending' end,
       attempts = attempts + 1, last_error = $2, next_attempt_at = $3, peer = coalesce($5, peer), updated_at = $4
     where id = $1 and state = 'pending' and revision = $6`,
    [n.id, error.slice(0, 500), nextAt, at, peer, n.revision],
  );
}

/** Sent again on request (a failed one, once the cause is mended): pending now, its attempts counted afresh; false when it is not failed. */
export async function resendNotice(m: EntityManager, id: string, at: Date): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `update linkage_risk_notices set state = 'pending', attempts = 0, last_error = null, next_attempt_at = $2, updated_at = $2
      where id = $1 and state = 'failed' returning id`,
    [id, at],
  );
  return rows.length > 0;
}

/**
 * 110's duty desk took a revision in hand. The notice is acknowledged when that is its current
 * revision; an acknowledgement of an earlier one is kept, and the newer revision still goes out.
 * Says whether it was news; `unknown` for no such notice, `unsent` for a revision not made yet.
 */
export async function acknowledgeNotice(
  m: EntityManager,
  id: string,
  ack: { revision: number; by: string; at: Date; note: string | null; receiverRef: string | null },
): Promise<{ duplicate: boolean } | 'unknown' | 'unsent'> {
  const notice = await findNotice(m, id, true);
  if (!notice) return 'unknown';
  if (ack.revision > notice.revision) return 'unsent';
  if ((notice.acknowledgedRevision ?? 0) >= ack.revision) return { duplicate: true };
  await m.query(
    `update linkage_risk_notices set state = case when revision = $2 then 'acknowledged' else state end,
       acknowledged_revision = $2, acknowledged_at = $3, acknowledged_by = $4, acknowledgement_note = $5,
       counterpart_ref = coalesce(counterpart_ref, $6), updated_at = now()
     where id = $1`,
    [id, ack.revision, ack.at, ack.by, ack.note, ack.receiverRef],
  );
  return { duplicate: false };
}

/** The intake numbers of the requests behind an alert, '' for an id intake does not have (or not a UUID). */
export async function requestNumbersOf(m: EntityManager, ids: readonly string[]): Promise<string[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return ids.map(() => '');
  const rows: Array<{ id: string; number: string }> = await m.query(`select id::text as id, number from requests where id = any($1::uuid[])`, [valid]);
  const numbers = new Map(rows.map((r) => [r.id, r.number]));
  return ids.map((id) => numbers.get(id.toLowerCase()) ?? '');
}
