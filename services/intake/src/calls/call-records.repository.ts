import { EntityManager } from 'typeorm';
import type { CallOutcome } from '@hotline/vocabulary';
import type { CallCounts } from './call-rates';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

export interface CallRecord {
  id: string;
  tenantId: string;
  callId: string;
  contentHash: string;
  callerNumberEnc: Buffer | null;
  callerKey: string | null;
  agentId: string | null;
  queue: string;
  offeredAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
  outcome: CallOutcome;
  recordingRef: string | null;
  requestId: string | null;
  requestNumber: string | null;
  recordedBy: string;
  recordedAt: Date;
  outcomeMarkedBy: string | null;
  outcomeMarkedAt: Date | null;
  /** The callback item this abandon opened or joined, or the one this answer closed (caller-returned). */
  callbackId: string | null;
}

const COLUMNS = `id, tenant_id as "tenantId", call_id as "callId", content_hash as "contentHash", caller_number_enc as "callerNumberEnc",
  caller_key as "callerKey", agent_id as "agentId", queue, offered_at as "offeredAt", answered_at as "answeredAt", ended_at as "endedAt",
  outcome, recording_ref as "recordingRef", request_id as "requestId", request_number as "requestNumber", recorded_by as "recordedBy",
  recorded_at as "recordedAt", outcome_marked_by as "outcomeMarkedBy", outcome_marked_at as "outcomeMarkedAt", callback_id as "callbackId"`;

/** Inserts the record unless the call id is known already; true when inserted. */
export async function insertCallRecord(manager: EntityManager, r: CallRecord): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `insert into call_records (id, tenant_id, call_id, content_hash, caller_number_enc, caller_key, agent_id, queue, offered_at, answered_at,
       ended_at, outcome, recording_ref, request_id, request_number, recorded_by, recorded_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     on conflict (tenant_id, call_id) do nothing returning id`,
    [r.id, r.tenantId, r.callId, r.contentHash, r.callerNumberEnc, r.callerKey, r.agentId, r.queue, r.offeredAt, r.answeredAt, r.endedAt,
      r.outcome, r.recordingRef, r.requestId, r.requestNumber, r.recordedBy, r.recordedAt],
  );
  return inserted.length > 0;
}

export async function findCallRecord(manager: EntityManager, callId: string, lock = false): Promise<CallRecord | undefined> {
  const [row]: CallRecord[] = await manager.query(`select ${COLUMNS} from call_records where call_id = $1${lock ? ' for update' : ''}`, [callId]);
  return row;
}

export async function linkCallback(manager: EntityManager, id: string, callbackId: string): Promise<void> {
  await manager.query(`update call_records set callback_id = $2 where id = $1`, [id, callbackId]);
}

export async function setOutcome(
  manager: EntityManager,
  id: string,
  change: { outcome: CallOutcome; requestId: string | null; requestNumber: string | null; by: string; at: Date },
): Promise<void> {
  await manager.query(
    `update call_records set outcome = $2, request_id = $3, request_number = $4, outcome_marked_by = $5, outcome_marked_at = $6 where id = $1`,
    [id, change.outcome, change.requestId, change.requestNumber, change.by, change.at],
  );
}

/** The id of the request of this number, if the hotline has one. */
export async function requestIdOfNumber(manager: EntityManager, number: string): Promise<string | undefined> {
  const [row]: Array<{ id: string }> = await manager.query(`select id from requests where number = $1`, [number]);
  return row?.id;
}

/** Whether this caller was answered at or after `at` (a record that arrives after a later answered one). */
export async function answeredSince(manager: EntityManager, callerKey: string, at: Date): Promise<boolean> {
  const [row] = await manager.query(`select 1 from call_records where caller_key = $1 and answered_at >= $2 limit 1`, [callerKey, at]);
  return row !== undefined;
}

export interface DayQueueCounts extends CallCounts {
  day: string;
  queue: string;
}

/**
 * Counts per local day of the tenant (its time zone in the directory; Asia/Shanghai when
 * unknown) and queue, days `from`…`to` included, by the instant the call entered the queue.
 * The thresholds are applied here, at query time: a change of the policy recounts history
 * alike, and the report states the policy it used.
 */
export async function countCalls(
  manager: EntityManager,
  tenantId: string,
  q: { from: string; to: string; queue?: string; answerTimelySeconds: number; shortAbandonSeconds: number },
): Promise<{ timeZone: string; rows: DayQueueCounts[] }> {
  const rows: Array<{ tz: string; day: string | null; queue: string | null } & Record<keyof CallCounts, number>> = await manager.query(
    `with zone as (select coalesce((select time_zone from tenant_directory where code = $1), 'Asia/Shanghai') as tz),
          counted as (
            select to_char(c.offered_at at time zone zone.tz, 'YYYY-MM-DD') as day, c.queue,
                   count(*)::int as calls,
                   count(*) filter (where c.answered_at is not null)::int as answered,
                   count(*) filter (where c.answered_at - c.offered_at <= make_interval(secs => $5))::int as "answeredInTime",
                   count(*) filter (where c.answered_at is null)::int as abandoned,
                   count(*) filter (where c.answered_at is null and c.ended_at - c.offered_at <= make_interval(secs => $6))::int as "shortAbandoned"
              from call_records c, zone
             where c.offered_at >= ($2::date)::timestamp at time zone zone.tz
               and c.offered_at < ($3::date + 1)::timestamp at time zone zone.tz
               and ($4::text is null or c.queue = $4)
             group by 1, 2)
     select zone.tz, counted.* from zone left join counted on true order by counted.day, counted.queue`,
    [tenantId, q.from, q.to, q.queue ?? null, q.answerTimelySeconds, q.shortAbandonSeconds],
  );
  const timeZone = rows[0]?.tz ?? 'Asia/Shanghai';
  return {
    timeZone,
    rows: rows
      .filter((r) => r.day !== null)
      .map((r) => ({
        day: r.day as string,
        queue: r.queue as string,
        calls: r.calls,
        answered: r.answered,
        answeredInTime: r.answeredInTime,
        abandoned: r.abandoned,
        shortAbandoned: r.shortAbandoned,
      })),
  };
}
