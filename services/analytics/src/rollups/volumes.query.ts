import { EntityManager } from 'typeorm';
import type { DayRange } from '../common/day-range.schemas';
import { inDays } from './rollup-keys';
import { rollupRows } from './rollup-rates.query';

export interface Volumes {
  /** Requests received within the days. */
  requests: number;
  /** Work orders of requests received within the days, and those flagged overdue on either clock. */
  workOrders: number;
  overdueWorkOrders: number;
}

/** Volumes within receipt days from the rollups' day totals (the province's per-city figures). */
export async function rollupVolumes(m: EntityManager, range: DayRange): Promise<Volumes> {
  const [row]: Volumes[] = await m.query(
    `select coalesce(sum(requests), 0)::int as requests, coalesce(sum(orders_all), 0)::int as "workOrders",
       coalesce(sum(overdue_orders), 0)::int as "overdueWorkOrders"
     from ${rollupRows('requests, orders_all, overdue_orders')}`,
    [range.from ?? null, range.to ?? null, 'total'],
  );
  return row ?? { requests: 0, workOrders: 0, overdueWorkOrders: 0 };
}

/** The reference: the same volumes counted from the facts. */
export async function factVolumes(m: EntityManager, range: DayRange): Promise<Volumes> {
  const params = [range.from ?? null, range.to ?? null];
  const [req]: Array<{ n: number }> = await m.query(`select count(*)::int as n from request_facts where ${inDays('day')}`, params);
  const [orders]: Array<{ n: number; overdue: number }> = await m.query(
    `select count(*)::int as n, (count(*) filter (where sign_overdue or handle_overdue))::int as overdue from work_order_facts where ${inDays('day')}`,
    params,
  );
  return { requests: req?.n ?? 0, workOrders: orders?.n ?? 0, overdueWorkOrders: orders?.overdue ?? 0 };
}
