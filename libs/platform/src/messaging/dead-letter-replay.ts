import { EventsByType } from '@hotline/contracts';
import { inTenantTransaction } from '../persistence/data-source';
import type { ServiceContext } from '../service/service-context';
import { planHandler } from './event-handlers';
import type { ReceivedEvent } from './inbox-consumer';

export const DEAD_LETTER_STATES = ['waiting', 'replayed', 'all'] as const;
export type DeadLetterState = (typeof DEAD_LETTER_STATES)[number];

/** Whose dead letters a caller may see: a tenant's own, or (the province operator) all. */
export interface DeadLetterScope {
  tenantId?: string;
}

export interface DeadLetterQuery {
  consumer?: string;
  state: DeadLetterState;
  limit: number;
  offset: number;
}

/** A dead letter as an operator sees it: what, where from, why; never its payload. */
export interface DeadLetterView {
  id: number;
  consumer: string;
  messageId: string | null;
  subject: string;
  eventType: string | null;
  tenantId: string | null;
  deliveries: number;
  error: string;
  source: string;
  streamSequence: number | null;
  recordedAt: string;
  replayedAt: string | null;
  replayCount: number;
  lastReplayError: string | null;
}

interface DeadLetterRow {
  id: string;
  consumer: string;
  message_id: string | null;
  subject: string;
  event_type: string | null;
  tenant_id: string | null;
  payload: Buffer;
  deliveries: number;
  error: string;
  source: string;
  stream_sequence: string | null;
  recorded_at: Date;
  replayed_at: Date | null;
  replay_count: number;
  last_replay_error: string | null;
}

function toView(r: DeadLetterRow): DeadLetterView {
  return {
    id: Number(r.id),
    consumer: r.consumer,
    messageId: r.message_id,
    subject: r.subject,
    eventType: r.event_type,
    tenantId: r.tenant_id,
    deliveries: r.deliveries,
    error: r.error,
    source: r.source,
    streamSequence: r.stream_sequence === null ? null : Number(r.stream_sequence),
    recordedAt: r.recorded_at.toISOString(),
    replayedAt: r.replayed_at?.toISOString() ?? null,
    replayCount: r.replay_count,
    lastReplayError: r.last_replay_error,
  };
}

// dead_letters is a system table (read across tenants by the service itself, like the outbox):
// every query below names the tenant when the caller is scoped to one.
function where(scope: DeadLetterScope, q: { consumer?: string; state: DeadLetterState }, first = 1) {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${first + params.length - 1}`));
  };
  if (scope.tenantId !== undefined) add('tenant_id = ?', scope.tenantId);
  if (q.consumer) add('consumer = ?', q.consumer);
  if (q.state === 'waiting') clauses.push('replayed_at is null');
  if (q.state === 'replayed') clauses.push('replayed_at is not null');
  return { sql: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
}

export async function listDeadLetters(ctx: ServiceContext, scope: DeadLetterScope, q: DeadLetterQuery) {
  const w = where(scope, q, 3);
  // One snapshot for the page and its count: a letter recorded between two separate reads would
  // otherwise be counted but not listed.
  const { rows, total } = await ctx.dataSource.transaction('REPEATABLE READ', async (m) => {
    const page: DeadLetterRow[] = await m.query(`select * from dead_letters ${w.sql} order by id limit $1 offset $2`, [q.limit, q.offset, ...w.params]);
    const [{ total }] = await m.query(`select count(*)::int as total from dead_letters ${where(scope, q).sql}`, where(scope, q).params);
    return { rows: page, total: total as number };
  });
  return { items: rows.map(toView), total, limit: q.limit, offset: q.offset };
}

export type ReplayResult = 'applied' | 'already-applied' | 'failed' | 'not-replayable';

export interface ReplayOutcome {
  id: number;
  result: ReplayResult;
  detail?: string;
}

/**
 * Applies a dead letter's event again through its consumer's handlers, exactly as a delivery
 * would: inside a tenant transaction with the inbox row of its message id, so a letter whose
 * event was applied after all (or is replayed twice) changes nothing. Undefined when there is no
 * such letter in the caller's scope.
 */
export async function replayDeadLetter(ctx: ServiceContext, scope: DeadLetterScope, id: number): Promise<ReplayOutcome | undefined> {
  const w = where(scope, { state: 'all' }, 2);
  const [row]: DeadLetterRow[] = await ctx.dataSource.query(`select * from dead_letters where id = $1 ${w.sql.replace('where', 'and')}`, [id, ...w.params]);
  if (!row) return undefined;
  const plan = ctx.consumerPlans.find((p) => p.spec.durable === row.consumer);
  const definition = row.event_type ? EventsByType.get(row.event_type) : undefined;
  if (!plan) return { id, result: 'not-replayable', detail: `${ctx.name} has no consumer ${row.consumer} in this release` };
  if (!row.message_id || !row.tenant_id || !definition)
    return { id, result: 'not-replayable', detail: 'the message had no id, tenant or known event type' };
  let payload: unknown;
  try {
    payload = definition.codec.decode(new Uint8Array(row.payload));
  } catch (err) {
    return { id, result: 'not-replayable', detail: `undecodable payload: ${(err as Error).message}` };
  }
  const event: ReceivedEvent = {
    id: row.message_id,
    tenantId: row.tenant_id,
    type: definition.type,
    subject: row.subject,
    definition,
    payload,
    publishedAt: row.recorded_at,
    deliveryCount: row.deliveries,
  };
  try {
    const applied = await inTenantTransaction(ctx.dataSource, row.tenant_id, async (manager) => {
      const inserted: unknown[] = await manager.query(
        `insert into inbox (consumer, message_id, tenant_id, event_type, subject) values ($1, $2, $3, $4, $5)
         on conflict do nothing returning message_id`,
        [row.consumer, event.id, event.tenantId, event.type, event.subject],
      );
      if (inserted.length > 0) await planHandler(plan, ctx)(event, manager);
      await manager.query(
        `update dead_letters set replayed_at = now(), replay_count = replay_count + 1, last_replay_error = null where id = $1`,
        [id],
      );
      return inserted.length > 0;
    });
    return { id, result: applied ? 'applied' : 'already-applied' };
  } catch (err) {
    const detail = (err as Error).message ?? String(err);
    await ctx.dataSource.query(`update dead_letters set replay_count = replay_count + 1, last_replay_error = $2 where id = $1`, [id, detail.slice(0, 2000)]);
    return { id, result: 'failed', detail };
  }
}

/** Replays every waiting dead letter in scope (of one consumer, when given), oldest first. */
export async function replayWaitingDeadLetters(ctx: ServiceContext, scope: DeadLetterScope, consumer?: string) {
  const w = where(scope, { consumer, state: 'waiting' });
  const rows: Array<{ id: string }> = await ctx.dataSource.query(`select id from dead_letters ${w.sql} order by id`, w.params);
  const outcomes: ReplayOutcome[] = [];
  for (const r of rows) {
    const outcome = await replayDeadLetter(ctx, scope, Number(r.id));
    if (outcome) outcomes.push(outcome);
  }
  const count = (result: ReplayResult) => outcomes.filter((o) => o.result === result).length;
  return {
    replayed: outcomes.length,
    applied: count('applied'),
    alreadyApplied: count('already-applied'),
    failed: count('failed'),
    notReplayable: count('not-replayable'),
    outcomes,
  };
}
