import type { EntityManager } from 'typeorm';
import type { DayRange } from '../common/day-range.schemas';
import type { TransferFact } from './linkage.mappings';

/**
 * Records a transfer. An offer inserts the row; a decision inserts it (an incoming transfer
 * has no offer event) or settles the offered one. A decision is final: a second one, or an
 * offer arriving after it, changes nothing.
 */
export async function recordTransfer(manager: EntityManager, tenantId: string, t: TransferFact): Promise<void> {
  await manager.query(
    `insert into linkage_transfer_facts
       (tenant_id, transfer_id, request_id, direction, counterpart, method, state, decline_reason, offered_at, day, decided_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (tenant_id, transfer_id) do update set
       state = excluded.state, decline_reason = excluded.decline_reason, decided_at = excluded.decided_at
     where linkage_transfer_facts.state = 'offered' and excluded.state <> 'offered'`,
    [tenantId, t.transferId, t.requestId, t.direction, t.counterpart, t.method, t.state, t.declineReason, t.offeredAt, t.day, t.decidedAt],
  );
}

/**
 * One direction × counterpart × method (or, with counterpart and method null, one direction as
 * a whole): its transfers by outcome and how long acceptance took.
 */
export interface TransferGroupRow {
  direction: string;
  counterpart: string | null;
  method: string | null;
  transfers: number;
  pending: number;
  accepted: number;
  declined: number;
  expired: number;
  /** Seconds from offer to acceptance over the accepted ones; null when none was accepted. */
  acceptP50: number | null;
  acceptP90: number | null;
  acceptMax: number | null;
}

export interface DeclineRow {
  direction: string;
  counterpart: string;
  method: string;
  reason: string;
  count: number;
}

const DAYS = `($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date)`;
const SECONDS_TO_ACCEPT = `extract(epoch from (decided_at - offered_at))`;

/**
 * Transfers offered within the days, per direction × counterpart × method and per direction
 * (one grouping-sets scan, so the percentiles of a direction are its own, not a mean of its
 * groups'); the tenant's rows only (row-level security).
 */
export async function transferGroups(manager: EntityManager, range: DayRange): Promise<TransferGroupRow[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `select direction, counterpart, method,
            count(*)::int as transfers,
            count(*) filter (where state = 'offered')::int as pending,
            count(*) filter (where state = 'accepted')::int as accepted,
            count(*) filter (where state = 'declined')::int as declined,
            count(*) filter (where state = 'expired')::int as expired,
            percentile_cont(0.5) within group (order by ${SECONDS_TO_ACCEPT}) filter (where state = 'accepted') as p50,
            percentile_cont(0.9) within group (order by ${SECONDS_TO_ACCEPT}) filter (where state = 'accepted') as p90,
            max(${SECONDS_TO_ACCEPT}) filter (where state = 'accepted') as max
       from linkage_transfer_facts
      where ${DAYS}
      group by grouping sets ((direction, counterpart, method), (direction))
      order by direction, counterpart nulls first, method nulls first`,
    [range.from ?? null, range.to ?? null],
  );
  const seconds = (v: unknown) => (v === null || v === undefined ? null : Math.max(0, Math.round(Number(v))));
  return rows.map((r) => ({
    direction: String(r['direction']),
    counterpart: r['counterpart'] === null ? null : String(r['counterpart']),
    method: r['method'] === null ? null : String(r['method']),
    transfers: Number(r['transfers']),
    pending: Number(r['pending']),
    accepted: Number(r['accepted']),
    declined: Number(r['declined']),
    expired: Number(r['expired']),
    acceptP50: seconds(r['p50']),
    acceptP90: seconds(r['p90']),
    acceptMax: seconds(r['max']),
  }));
}

/** Declined transfers offered within the days, by group and reason. */
export async function declineReasons(manager: EntityManager, range: DayRange): Promise<DeclineRow[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `select direction, counterpart, method, decline_reason as reason, count(*)::int as count
       from linkage_transfer_facts
      where state = 'declined' and ${DAYS}
      group by direction, counterpart, method, decline_reason
      order by direction, counterpart, method, count(*) desc, decline_reason`,
    [range.from ?? null, range.to ?? null],
  );
  return rows.map((r) => ({
    direction: String(r['direction']),
    counterpart: String(r['counterpart']),
    method: String(r['method']),
    reason: String(r['reason']),
    count: Number(r['count']),
  }));
}
