import { EntityManager } from 'typeorm';
import type { OnlineQueueClock } from '@hotline/intake-domain';
import type { OnlineQueueState, ScopeDecision } from '@hotline/vocabulary';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

export interface OnlineQueueItem extends OnlineQueueClock {
  requestId: string;
  warnedAt: Date | null;
  overdueAt: Date | null;
  decidedBy: string | null;
  decision: ScopeDecision | null;
}

interface Row {
  request_id: string;
  received_at: Date;
  warn_at: Date | null;
  due_at: Date;
  warned_at: Date | null;
  overdue_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  decision: ScopeDecision | null;
}

const COLUMNS = 'request_id, received_at, warn_at, due_at, warned_at, overdue_at, decided_at, decided_by, decision';

const toItem = (r: Row): OnlineQueueItem => ({
  requestId: r.request_id,
  receivedAt: r.received_at,
  warnAt: r.warn_at,
  dueAt: r.due_at,
  warnedAt: r.warned_at,
  overdueAt: r.overdue_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  decision: r.decision,
});

export async function insertQueueItem(manager: EntityManager, tenantId: string, requestId: string, clock: OnlineQueueClock): Promise<void> {
  await manager.query(`insert into online_queue (tenant_id, request_id, received_at, warn_at, due_at) values ($1, $2, $3, $4, $5)`, [
    tenantId,
    requestId,
    clock.receivedAt,
    clock.warnAt,
    clock.dueAt,
  ]);
}

/** The item, its row locked until the transaction ends: one decision per submission. */
export async function lockQueueItem(manager: EntityManager, requestId: string): Promise<OnlineQueueItem | undefined> {
  const [row]: Row[] = await manager.query(`select ${COLUMNS} from online_queue where request_id = $1 for update`, [requestId]);
  return row && toItem(row);
}

export async function markDecided(manager: EntityManager, requestId: string, at: Date, by: string, decision: ScopeDecision): Promise<void> {
  await manager.query(`update online_queue set decided_at = $2, decided_by = $3, decision = $4 where request_id = $1`, [requestId, at, by, decision]);
}

/** Records that the clock reached its warning or its limit while the item waited; false when it was decided first. */
export async function markClock(manager: EntityManager, requestId: string, mark: 'warned' | 'overdue', at: Date): Promise<boolean> {
  const column = mark === 'warned' ? 'warned_at' : 'overdue_at';
  const rows: unknown[] = await manager.query(
    `update online_queue set ${column} = $2 where request_id = $1 and decided_at is null and ${column} is null returning request_id`,
    [requestId, at],
  );
  return rows.length > 0;
}

/** Where each state starts, for the list's filter at `now`; `open` is every undecided one. */
function stateClause(state: OnlineQueueState | 'open' | undefined): string {
  switch (state) {
    case 'decided':
      return 'decided_at is not null';
    case 'overdue':
      return 'decided_at is null and due_at <= $1';
    case 'warning':
      return 'decided_at is null and due_at > $1 and warn_at is not null and warn_at <= $1';
    case 'waiting':
      return 'decided_at is null and due_at > $1 and (warn_at is null or warn_at > $1)';
    default:
      return 'decided_at is null';
  }
}

/** The queue, most urgent first (decided ones: the latest first), a page at a time. */
export async function listQueueItems(
  manager: EntityManager,
  state: OnlineQueueState | 'open' | undefined,
  now: Date,
  limit: number,
  offset: number,
): Promise<[OnlineQueueItem[], number]> {
  const where = stateClause(state);
  const order = state === 'decided' ? 'decided_at desc' : 'due_at, request_id';
  // $1 (now) is typed even where the state's clause does not use it.
  const rows: Array<Row & { total: number }> = await manager.query(
    `select ${COLUMNS}, count(*) over ()::int as total from online_queue where ${where} and $1::timestamptz is not null
     order by ${order} limit $2 offset $3`,
    [now, limit, offset],
  );
  return [rows.map(toItem), rows[0]?.total ?? 0];
}

export interface OnlineQueueStats {
  submitted: number;
  decided: number;
  decidedInTime: number;
  /** Undecided past the limit, or decided after it. */
  overdue: number;
  /** Undecided past the limit. */
  openOverdue: number;
  /** Undecided and still within the limit. */
  open: number;
}

/** The response figures of submissions received in [from, to). */
export async function queueStats(manager: EntityManager, from: Date, to: Date, now: Date): Promise<OnlineQueueStats> {
  const [row] = await manager.query(
    `select count(*)::int as submitted,
            count(decided_at)::int as decided,
            count(*) filter (where decided_at <= due_at)::int as decided_in_time,
            count(*) filter (where coalesce(decided_at, $3) > due_at)::int as overdue,
            count(*) filter (where decided_at is null and due_at <= $3)::int as open_overdue,
            count(*) filter (where decided_at is null and due_at > $3)::int as open
       from online_queue where received_at >= $1 and received_at < $2`,
    [from, to, now],
  );
  return { submitted: row.submitted, decided: row.decided, decidedInTime: row.decided_in_time, overdue: row.overdue, openOverdue: row.open_overdue, open: row.open };
}
