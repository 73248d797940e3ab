import { EntityManager } from 'typeorm';
import { CallbackFact, DONE_CALLBACK_STATES, NON_REQUEST_CALL_OUTCOMES, OutcomeMark, RecordedCallFact } from './calls.mappings';

// The call facts and their rollup (migration 1764300006500). Row-level security scopes every
// statement to the event's tenant; the tenant is also named, for the primary keys' order.

/** The rollup's counts, in column order. */
export const CALL_ROLLUP_COLUMNS = [
  'calls', 'answered', 'answered_in_time', 'abandoned', 'short_abandoned', 'short_excluded', 'non_request', 'callbacks_due', 'callbacks_done',
] as const;

/**
 * What the facts in scope add to each tenant × day × queue: a recorded call (a mark alone adds
 * nothing until its call arrives), and a callback item. The one definition of the counts, for
 * an event's change and for a rebuild alike. $1 tenant, $2 non-request outcomes, $3 done states.
 */
const contributionSql = (calls: string, callbacks: string) => `
  select c.day, c.queue, 1 as calls, c.answered::int as answered, c.answered_in_time::int as answered_in_time,
    (not c.answered)::int as abandoned, c.short_abandoned::int as short_abandoned, c.short_excluded::int as short_excluded,
    (c.answered and coalesce(c.outcome, c.recorded_outcome) = any($2::text[]))::int as non_request, 0 as callbacks_due, 0 as callbacks_done
  from call_facts c where c.tenant_id = $1 and c.queue is not null and ${calls}
  union all
  select b.day, b.queue, 0, 0, 0, 0, 0, 0, 0, 1, (b.state = any($3::text[]))::int
  from callback_facts b where b.tenant_id = $1 and ${callbacks}`;

/** One subject: the call $4 and the callback item $5 (either null). */
const SUBJECT = contributionSql('c.call_id = $4', 'b.callback_id = $5');
const SUMS = CALL_ROLLUP_COLUMNS.map((c) => `sum(${c})::int`).join(', ');
const NEGATED = CALL_ROLLUP_COLUMNS.map((c) => `-${c}`).join(', ');
const NONZERO = CALL_ROLLUP_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' or ');
const ADDED = CALL_ROLLUP_COLUMNS.map((c) => `${c} = call_rollups.${c} + excluded.${c}`).join(', ');
const RECORD_TYPE = `day date, queue text, ${CALL_ROLLUP_COLUMNS.map((c) => `${c} int`).join(', ')}`;

interface Subject {
  callId?: string;
  callbackId?: string;
}

const params = (tenantId: string, s: Subject) => [tenantId, NON_REQUEST_CALL_OUTCOMES, DONE_CALLBACK_STATES, s.callId ?? null, s.callbackId ?? null];

/**
 * Serialises the events of one call (or item) across consumers and replicas until the
 * transaction ends, so the contribution read before a change is the one the change replaces.
 */
async function lock(m: EntityManager, tenantId: string, s: Subject): Promise<void> {
  await m.query(`select pg_advisory_xact_lock(hashtextextended($1, 31))`, [`calls|${tenantId}|${s.callId ? `call|${s.callId}` : `callback|${s.callbackId}`}`]);
}

function contributionOf(m: EntityManager, tenantId: string, s: Subject): Promise<Array<Record<string, unknown>>> {
  return m.query(`select day::text as day, queue, ${CALL_ROLLUP_COLUMNS.join(', ')} from (${SUBJECT}) c`, params(tenantId, s));
}

/** Adds the subject's contribution now, less `before`, to the rollup rows of the buckets that changed. */
async function applyChange(m: EntityManager, tenantId: string, s: Subject, before: Array<Record<string, unknown>>): Promise<void> {
  await m.query(
    `insert into call_rollups (tenant_id, day, queue, ${CALL_ROLLUP_COLUMNS.join(', ')})
     select $1, day, queue, ${SUMS} from (
       select day, queue, ${CALL_ROLLUP_COLUMNS.join(', ')} from (${SUBJECT}) now
       union all
       select day, queue, ${NEGATED} from jsonb_to_recordset($6::jsonb) as before (${RECORD_TYPE})
     ) d
     group by day, queue having ${NONZERO} order by day, queue
     on conflict (tenant_id, day, queue) do update set ${ADDED}`,
    [...params(tenantId, s), JSON.stringify(before)],
  );
}

async function changing(m: EntityManager, tenantId: string, s: Subject, change: () => Promise<void>): Promise<void> {
  await lock(m, tenantId, s);
  const before = await contributionOf(m, tenantId, s);
  await change();
  await applyChange(m, tenantId, s, before);
}

/**
 * A recorded call. intake announces a call once (a retried report publishes nothing), so a
 * call already recorded here changes nothing; a mark that came first keeps its outcome.
 */
export async function recordCallFact(m: EntityManager, tenantId: string, f: RecordedCallFact): Promise<void> {
  await changing(m, tenantId, { callId: f.callId }, async () => {
    await m.query(
      `insert into call_facts (tenant_id, call_id, queue, day, offered_at, answered, answered_in_time, short_abandoned, short_excluded, recorded_outcome)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (tenant_id, call_id) do update set queue = excluded.queue, day = excluded.day, offered_at = excluded.offered_at,
         answered = excluded.answered, answered_in_time = excluded.answered_in_time, short_abandoned = excluded.short_abandoned,
         short_excluded = excluded.short_excluded, recorded_outcome = excluded.recorded_outcome
       where call_facts.queue is null`,
      [tenantId, f.callId, f.queue, f.day, f.offeredAt, f.answered, f.answeredInTime, f.shortAbandoned, f.shortExcluded, f.outcome],
    );
  });
}

/** An agent's mark of a call; an older mark arriving late never replaces a newer one. */
export async function markCallFact(m: EntityManager, tenantId: string, mark: OutcomeMark): Promise<void> {
  await changing(m, tenantId, { callId: mark.callId }, async () => {
    await m.query(
      `insert into call_facts (tenant_id, call_id, outcome, outcome_marked_at) values ($1, $2, $3, $4)
       on conflict (tenant_id, call_id) do update set outcome = excluded.outcome, outcome_marked_at = excluded.outcome_marked_at
       where call_facts.outcome_marked_at is null or call_facts.outcome_marked_at <= excluded.outcome_marked_at`,
      [tenantId, mark.callId, mark.outcome, mark.markedAt],
    );
  });
}

/**
 * A callback item opened or closed. Whichever event comes first creates it (each says its queue
 * and first abandon); a closure is final, so an opening arriving after it keeps the closed state.
 */
export async function recordCallbackFact(m: EntityManager, tenantId: string, f: CallbackFact): Promise<void> {
  await changing(m, tenantId, { callbackId: f.callbackId }, async () => {
    await m.query(
      `insert into callback_facts (tenant_id, callback_id, queue, day, first_abandoned_at, state, closed_at) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (tenant_id, callback_id) do update set
         state = case when excluded.state <> 'open' then excluded.state else callback_facts.state end,
         closed_at = coalesce(excluded.closed_at, callback_facts.closed_at)`,
      [tenantId, f.callbackId, f.queue, f.day, f.firstAbandonedAt, f.state, f.closedAt],
    );
  });
}

/** The tenant's call rollup recomputed from its facts (after its days were counted again). Returns the rows written. */
export async function rebuildCallRollups(m: EntityManager, tenantId: string): Promise<number> {
  await m.query(`delete from call_rollups where tenant_id = $1`, [tenantId]);
  const written: unknown[] = await m.query(
    `insert into call_rollups (tenant_id, day, queue, ${CALL_ROLLUP_COLUMNS.join(', ')})
     select $1, day, queue, ${SUMS} from (${contributionSql('true', 'true')}) c group by day, queue order by day, queue
     returning day`,
    [tenantId, NON_REQUEST_CALL_OUTCOMES, DONE_CALLBACK_STATES],
  );
  return written.length;
}

/**
 * The tenant's call days counted again in `timeZone` (a call's from when it entered the queue,
 * an item's from its first abandon), and the rollup rebuilt when one moved. The caller holds the
 * tenant's days exclusively, so no call event of the tenant runs meanwhile.
 */
export async function rebucketCallDays(m: EntityManager, tenantId: string, timeZone: string): Promise<void> {
  const [, calls] = (await m.query(
    `update call_facts set day = (offered_at at time zone $2)::date
     where tenant_id = $1 and offered_at is not null and day is distinct from (offered_at at time zone $2)::date`,
    [tenantId, timeZone],
  )) as [unknown, number];
  const [, callbacks] = (await m.query(
    `update callback_facts set day = (first_abandoned_at at time zone $2)::date
     where tenant_id = $1 and day is distinct from (first_abandoned_at at time zone $2)::date`,
    [tenantId, timeZone],
  )) as [unknown, number];
  if (calls + callbacks > 0) await rebuildCallRollups(m, tenantId);
}
