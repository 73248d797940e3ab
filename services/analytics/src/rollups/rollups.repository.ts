import { EntityManager } from 'typeorm';
import { ALL_FACTS, contributionSql, ROLLUP_COLUMNS, SUBJECT_FACTS } from './contribution.sql';
import { openOrdersSql, openRequestsSql } from './open-facts.sql';
import { ROLLUP_COUNTS, sqlTypeOf } from './rollup-columns';

/**
 * What a lifecycle event's rollup update is about: a request (its volume, orders, revisit and
 * completion), with the order that names no request yet when the event is about one.
 */
export interface RollupSubject {
  requestId: string | null;
  orphanOrderId: string | null;
}

/** A subject's current contribution, as rows a later delta subtracts (day as text, numerics as strings: exact). */
export type Contribution = Array<Record<string, unknown>>;

const KEY = 'tenant_id, dimension, day, key1, key2, terminated';
const RECORD_TYPE = `tenant_id text, dimension text, day date, key1 text, key2 text, terminated boolean, ${ROLLUP_COUNTS.map((c) => `${c} ${sqlTypeOf(c)}`).join(', ')}`;
const SUMS = ROLLUP_COUNTS.map((c) => `sum(${c})::${sqlTypeOf(c)}`).join(', ');
const NONZERO = ROLLUP_COUNTS.map((c) => `sum(${c}) <> 0`).join(' or ');
const NEGATED = ROLLUP_COUNTS.map((c) => `-${c}`).join(', ');
const ADDED = ROLLUP_COUNTS.map((c) => `${c} = rate_rollups.${c} + excluded.${c}`).join(', ');
// Every count is a count of facts of the bucket's own, so a row without any has nothing left.
const NO_FACTS = `requests = 0 and orders_all = 0 and revisit_rows = 0 and completion_rows = 0`;

/**
 * Runs one of this module's statements as a named prepared statement of the transaction's own
 * connection: a contribution is one large statement run twice per event, and planning it each
 * time cost more than running it (a few ms against one).
 */
async function prepared(m: EntityManager, name: string, text: string, values: unknown[]): Promise<Array<Record<string, unknown>>> {
  const client = (await m.queryRunner?.connect()) as { query?: (q: { name: string; text: string; values: unknown[] }) => Promise<{ rows: Array<Record<string, unknown>> }> } | undefined;
  if (!client?.query) return m.query(text, values);
  return (await client.query({ name, text, values })).rows;
}

const CONTRIBUTION_SQL = `select tenant_id, dimension, day::text as day, key1, key2, terminated, ${ROLLUP_COUNTS.join(', ')}
     from (${contributionSql(SUBJECT_FACTS)}) c`;

/** The subject's contribution now (read before the event's facts change). */
export function contributionOf(m: EntityManager, s: RollupSubject): Promise<Contribution> {
  return prepared(m, 'rollup_contribution_v1', CONTRIBUTION_SQL, [s.requestId, s.orphanOrderId]);
}

/**
 * Appends what the event changed: the subject's contribution now, less `before`, per bucket
 * (buckets it left get negative counts, buckets it entered positive ones, unchanged ones none).
 * An insert only: no row another transaction writes is locked.
 */
export async function appendDelta(m: EntityManager, s: RollupSubject, before: Contribution): Promise<void> {
  await prepared(m, 'rollup_append_delta_v1', APPEND_DELTA_SQL, [s.requestId, s.orphanOrderId, JSON.stringify(before)]);
}

const APPEND_DELTA_SQL = `insert into rate_rollup_deltas (${ROLLUP_COLUMNS})
     select ${KEY}, ${SUMS}
     from (
       select * from (${contributionSql(SUBJECT_FACTS, false)}) now
       union all
       select ${KEY}, ${NEGATED} from jsonb_to_recordset($3::jsonb) as before (${RECORD_TYPE})
     ) d
     group by ${KEY}
     having ${NONZERO}
     order by ${KEY}`;

const OPEN_ORDERS_SQL = openOrdersSql(SUBJECT_FACTS);
const OPEN_REQUESTS_SQL = openRequestsSql(SUBJECT_FACTS);

/** Replaces the subject's open orders and open request (rate_open_orders, rate_open_requests) with what its facts say now. */
export async function refreshOpenFacts(m: EntityManager, s: RollupSubject): Promise<void> {
  await prepared(m, 'rollup_open_orders_delete_v1', `delete from rate_open_orders where request_id = $1 or work_order_id = $2`, [s.requestId, s.orphanOrderId]);
  await prepared(m, 'rollup_open_orders_insert_v1', OPEN_ORDERS_SQL, [s.requestId, s.orphanOrderId]);
  if (!s.requestId) return;
  await prepared(m, 'rollup_open_requests_delete_v1', `delete from rate_open_requests where request_id = $1`, [s.requestId]);
  await prepared(m, 'rollup_open_requests_insert_v1', OPEN_REQUESTS_SQL, [s.requestId]);
}

/**
 * Folds up to `limit` of the tenant's oldest deltas into its rollups in one transaction (the
 * caller's), in key order so two folders never wait on each other in a cycle; deltas another
 * folder holds are skipped. Rows left without facts are removed. Returns the rollup rows touched
 * (0: nothing was left to fold).
 */
export async function foldDeltas(m: EntityManager, tenantId: string, limit = 5000): Promise<number> {
  const emptied: Array<Record<string, unknown>> = await m.query(
    `with moved as (
       delete from rate_rollup_deltas where seq in (
         select seq from rate_rollup_deltas where tenant_id = $1 order by seq limit $2 for update skip locked)
       returning *
     )
     insert into rate_rollups (${ROLLUP_COLUMNS})
     select ${KEY}, ${SUMS} from moved group by ${KEY} order by ${KEY}
     on conflict (${KEY}) do update set ${ADDED}
     returning dimension, day::text as day, key1, key2, terminated, (${NO_FACTS}) as empty`,
    [tenantId, limit],
  );
  const empty = emptied.filter((r) => r['empty']);
  if (empty.length > 0)
    await m.query(
      `delete from rate_rollups r using jsonb_to_recordset($2::jsonb) as e (dimension text, day date, key1 text, key2 text, terminated boolean)
       where r.tenant_id = $1 and r.dimension = e.dimension and r.day is not distinct from e.day and r.key1 is not distinct from e.key1
         and r.key2 is not distinct from e.key2 and r.terminated = e.terminated and ${NO_FACTS.replace(/(\w+) = 0/g, 'r.$1 = 0')}`,
      [tenantId, JSON.stringify(empty)],
    );
  return emptied.length;
}

/** Rolls up every fact in sight (all tenants where row-level security is lifted, as in the migration): statements in order. */
export function rebuildAllTenantsSql(): string[] {
  return [`insert into rate_rollups (${ROLLUP_COLUMNS}) ${contributionSql(ALL_FACTS, false)}`, openOrdersSql(ALL_FACTS), openRequestsSql(ALL_FACTS)];
}

/**
 * Recomputes the tenant's rollups and open facts from its facts, folded deltas and all. Consumers' deltas wait
 * for it (the lock), so a delta written after it applies to what it counted, and one written
 * before is replaced by it. Returns the rows written.
 */
export async function rebuildRollups(m: EntityManager, tenantId: string): Promise<number> {
  await m.query(`lock table rate_rollup_deltas in share row exclusive mode`);
  // One aggregation over every fact of the tenant: room to hash it in memory for this transaction only.
  await m.query(`set local work_mem = '256MB'`);
  await m.query(`delete from rate_rollup_deltas where tenant_id = $1`, [tenantId]);
  for (const table of ['rate_rollups', 'rate_open_orders', 'rate_open_requests']) await m.query(`delete from ${table} where tenant_id = $1`, [tenantId]);
  for (const sql of rebuildAllTenantsSql()) await m.query(sql);
  const [{ rows }]: Array<{ rows: number }> = await m.query(`select count(*)::int as rows from rate_rollups where tenant_id = $1`, [tenantId]);
  return rows;
}
