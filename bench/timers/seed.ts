// A handling database holding many open work orders of one tenant, each with the pending timers
// the real code gives it: one order is made by handling's own RequestDispatched handler, then
// cloned in SQL (INSERT … SELECT over generate_series, on two connections, the indexes rebuilt
// after the load), so every column is one the real code set, whatever columns the schema has
// by the time this runs.
import { Client } from 'pg';
import { commonV1, dispatchEventsV1, Events } from '@hotline/contracts';
import { inTenantTransaction, ServiceContext, uuidv7 } from '@hotline/platform';
import { ADMIN_DATABASE_URL } from '@hotline/testing';
import { OVERDUE_TIMER_KINDS } from '../../services/handling/src/work-orders/work-order-timers';
import { WARNING_TIMER_KINDS } from '../../services/handling/src/warnings/warning-timers';
import { onRequestDispatched } from '../../services/handling/src/work-orders/on-request-dispatched.handler';

export const TENANT = 'city-3201';

/** The dues of the seeded orders lie a month out (and more), so none comes due during a run. */
const DUES_AHEAD = "interval '30 days'";
/** Their clocks started over the last week, one after the other. */
const CREATED_OVER = "interval '7 days'";

function brief(requestId: string): commonV1.RequestBrief {
  return {
    requestId,
    number: '3201-20261201-000001',
    channel: 'phone',
    requestType: 'complaint',
    urgency: 'normal',
    categoryCode: '010203',
    areaCode: '320102',
    title: '小区夜间施工噪音扰民',
    content: '某小区旁工地连续一周夜间施工至凌晨两点, 噪音很大, 影响休息, 请相关部门处理。',
    receivedAt: new Date().toISOString(),
    requesterMaskedName: '张*',
    requesterMaskedPhone: '138****5678',
    confidential: false,
    anonymous: false,
    categoryPath: ['01', '0102', '010203'],
    taxonomyVersion: 1,
  };
}

/** One order through handling's real dispatch handler: the row, its timers and its WorkOrderCreated. */
async function templateOrder(ctx: ServiceContext): Promise<string> {
  const requestId = uuidv7();
  const payload: dispatchEventsV1.RequestDispatched = {
    request: brief(requestId),
    assignments: [{ unitId: 'unit-zjj', unitCode: 'zjj', unitName: '住房和城乡建设局', role: 'primary' }],
    mode: 'catalog',
    catalogVersion: 1,
    dispatchedAt: new Date().toISOString(),
    dispatchedBy: 'system:dispatch',
  };
  const event = {
    id: uuidv7(),
    tenantId: TENANT,
    type: Events.dispatch.requestDispatched.type,
    subject: 'bench',
    definition: Events.dispatch.requestDispatched,
    payload,
    publishedAt: new Date(),
    deliveryCount: 1,
  };
  await inTenantTransaction(ctx.dataSource, TENANT, (m) => onRequestDispatched.handle(event, m, ctx));
  const [row] = await inTenantTransaction(ctx.dataSource, TENANT, (m) =>
    m.query(`select id from work_orders where request_id = $1`, [requestId]),
  );
  if (!row) throw new Error('the dispatch handler made no work order');
  return row.id;
}

/**
 * SQL for a UUIDv7 like uuidv7() makes: time-ordered by `at`, `n` (distinct per row) keeping the
 * ids apart. An expression, not a function: PostgreSQL would not inline a SQL function using its
 * argument four times, and calling one per row costs more than the insert.
 */
function uuid7Sql(at: string, n: string): string {
  return `(lpad(to_hex((extract(epoch from ${at}) * 1000)::bigint), 12, '0') || '7' || lpad(to_hex((${n}) % 4096), 3, '0')
          || to_hex(8 + ((${n}) >> 12) % 4) || lpad(to_hex(((${n}) >> 14) % 4096), 3, '0') || substr(md5((${n})::text), 1, 12))::uuid`;
}

export interface Seeded {
  orders: number;
  pendingTimers: number;
  seconds: number;
  /** Seconds of each step: the orders, their timers, the indexes, vacuum, analyze and a checkpoint. */
  steps: Record<string, number>;
  timerKinds: string[];
}

interface Index {
  table: string;
  index: string;
  definition: string;
  /** The primary key or unique constraint the index backs. */
  constraint: string | null;
  constraintDefinition: string | null;
}

/**
 * The indexes of the two big tables that are built once after the load (a sort) instead of row
 * by row: all but those a foreign key relies on (work_orders' primary key), recreated exactly
 * as the migrations made them (same names and definitions, constraints included).
 */
async function rebuildableIndexes(client: Client): Promise<Index[]> {
  return (
    await client.query(
      `select c.relname as "table", i.indexrelid::regclass::text as index, pg_get_indexdef(i.indexrelid) as definition,
              k.conname as constraint, pg_get_constraintdef(k.oid) as "constraintDefinition"
         from pg_index i
         join pg_class c on c.oid = i.indrelid
         left join pg_constraint k on k.conindid = i.indexrelid and k.conrelid = c.oid and k.contype in ('p', 'u')
        where c.relnamespace = current_schema()::regnamespace and c.relname in ('work_orders', 'timers')
          and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)`,
    )
  ).rows;
}

/** Runs on two connections at once (two cores: PostgreSQL's work per connection is one process). */
async function inParallel(clients: [Client, Client], jobs: Array<(c: Client) => Promise<unknown>>): Promise<void> {
  let next = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (next < jobs.length) await jobs[next++](client);
    }),
  );
}

/**
 * `orders` open orders (awaiting sign-for) in one tenant with their pending timers. Runs as the
 * database's own role with the tenant set, so row-level security holds for the inserts too.
 */
export async function seedOpenOrders(ctx: ServiceContext, url: string, orders: number): Promise<Seeded> {
  const started = performance.now();
  const steps: Record<string, number> = {};
  let mark = started;
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = (now - mark) / 1000;
    mark = now;
  };
  const template = await templateOrder(ctx);
  const clients: [Client, Client] = [new Client({ connectionString: url }), new Client({ connectionString: url })];
  try {
    for (const c of clients) {
      await c.connect();
      await c.query(`select set_config('app.tenant_id', $1, false)`, [TENANT]);
    }
    const [client] = clients;
    const columns: string[] = (
      await client.query(
        `select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'work_orders' order by ordinal_position`,
      )
    ).rows.map((r) => r.column_name);
    // Clone i of the template order o: its own ids and number, its clock started (N − i)/N of a
    // week ago (so ids and dues ascend with i, as they arrive in production), its dues a month
    // further out than the template's; every other column as the real code set it. Its timers
    // are computed from i the same way, so neither insert reads the other's table.
    const ago = `(${CREATED_OVER} * (1 - g.i::float8 / ${orders}))`;
    const createdAt = `(o.created_at - ${ago})`;
    const shift = `(${DUES_AHEAD} - ${ago})`;
    const orderId = uuid7Sql(createdAt, 'g.i');
    const requestId = `${uuid7Sql(createdAt, `g.i + ${orders}`)}::text`;
    const replaced: Record<string, string> = {
      id: orderId,
      request_id: requestId,
      brief: `o.brief || jsonb_build_object('requestId', ${requestId}, 'number', '3201-20261201-' || lpad(g.i::text, 7, '0'))`,
      created_at: createdAt,
      sign_due_at: `o.sign_due_at + ${shift}`,
      handle_due_at: `o.handle_due_at + ${shift}`,
    };
    // The timers syncOverdueTimers and syncWarningTimers gave the template (t): the overdue ones
    // at the dues, the warnings at their share of the handling clock (payload.percent).
    const kinds: string[] = (await client.query(`select kind from timers where key = $1 and state = 'pending' order by kind`, [template])).rows.map(
      (r) => r.kind,
    );
    const handleDue = `(o.handle_due_at + ${shift})`;
    const warning = `${createdAt} + (${handleDue} - ${createdAt}) * ((t.payload->>'percent')::float8 / 100)`;
    const dueOf: Record<string, string> = {
      [OVERDUE_TIMER_KINDS['sign-for']]: `o.sign_due_at + ${shift}`,
      [OVERDUE_TIMER_KINDS.handling]: handleDue,
      [WARNING_TIMER_KINDS.yellow]: warning,
      [WARNING_TIMER_KINDS.red]: warning,
    };
    const unknown = kinds.filter((k) => !dueOf[k]);
    if (unknown.length) throw new Error(`the template order has pending ${unknown.join(', ')} timers this seed does not know how to clone`);
    const due = `case t.kind ${kinds.map((k) => `when '${k}' then ${dueOf[k]}`).join(' ')} end`;
    // The template is read once (materialized): a plan reading it again per row would read the growing table.
    const template$ = `o as materialized (select * from work_orders where id = $1::uuid),
      t as materialized (select t.*, row_number() over (order by t.kind) as n from timers t where t.key = $1::text and t.state = 'pending')`;

    const indexes = await rebuildableIndexes(client);
    for (const i of indexes)
      await client.query(i.constraint ? `alter table ${i.table} drop constraint ${i.constraint}` : `drop index ${i.index}`);
    // Each insert in two halves, one per connection.
    const halves = (insert: (c: Client, from: number, to: number) => Promise<unknown>) => {
      const mid = Math.floor(orders / 2);
      return [(c: Client) => insert(c, 1, mid), (c: Client) => insert(c, mid + 1, orders - 1)];
    };
    const insertOrders = (c: Client, from: number, to: number) =>
      c.query(
        `with ${template$}
         insert into work_orders (${columns.join(', ')})
         select ${columns.map((col) => replaced[col] ?? `o.${col}`).join(', ')} from o, generate_series(${from}, ${to}) g(i)`,
        [template],
      );
    const insertTimers = (c: Client, from: number, to: number) =>
      c.query(
        `with ${template$}
         insert into timers (id, tenant_id, kind, key, due_at, payload, state, attempts, created_at)
         select ${uuid7Sql(createdAt, 'g.i * 8 + t.n')}, t.tenant_id, t.kind, ${orderId}::text, ${due},
                t.payload || jsonb_build_object('workOrderId', ${orderId}::text), 'pending', 0, ${createdAt}
           from o, t, generate_series(${from}, ${to}) g(i)`,
        [template],
      );
    await inParallel(clients, halves(insertOrders));
    step('orders');
    await inParallel(clients, halves(insertTimers));
    // The template itself is clone 0: its dues and timers move out a month too.
    await client.query(`with ${template$} update timers u set due_at = ${due} from o, t, (select 0 as i) g where u.id = t.id`, [template]);
    await client.query(`update work_orders set sign_due_at = sign_due_at + ${DUES_AHEAD}, handle_due_at = handle_due_at + ${DUES_AHEAD} where id = $1`, [template]);
    // The seed's WorkOrderCreated is no part of the measurement.
    await client.query(`delete from outbox`);
    step('timers');
    await inParallel(
      clients,
      indexes.map((i) => (c: Client) => c.query(i.constraint ? `alter table ${i.table} add constraint ${i.constraint} ${i.constraintDefinition}` : i.definition)),
    );
    const rebuilt = await rebuildableIndexes(client);
    const shape = (list: Index[]) => JSON.stringify(list.map((i) => [i.index, i.definition, i.constraintDefinition]).sort());
    if (shape(rebuilt) !== shape(indexes)) throw new Error('the rebuilt indexes differ from the migrations\' ones');
    step('indexes');
    await inParallel(clients, [(c) => c.query('vacuum analyze timers'), (c) => c.query('vacuum analyze work_orders')]);
    // The load's dirty pages written out now, not by a checkpoint in the middle of a measurement.
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query('checkpoint').finally(() => admin.end());
    step('vacuum, checkpoint');
    const [{ n }] = (await client.query(`select count(*)::int as n from timers where state = 'pending'`)).rows;
    return { orders, pendingTimers: n, seconds: (performance.now() - started) / 1000, steps, timerKinds: kinds };
  } finally {
    for (const c of clients) await c.end().catch(() => undefined);
  }
}
