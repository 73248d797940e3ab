import { EntityManager } from 'typeorm';
import {
  KeyedRevisitCounts,
  KeyedWorkOrderCounts,
  mergeRateRows,
  RateGrouping,
  RateRow,
  SATISFIED_LEVELS,
} from '@hotline/analytics-domain';

// Fixed per grouping, never built from input. Both fact tables carry these columns: a revisit's
// unit is the one whose answer was evaluated, its category and day those of its request.
const GROUP_KEY: Record<RateGrouping, string> = {
  unit: 'unit_id',
  category: 'category_code',
  day: `to_char(day, 'YYYY-MM-DD')`,
};
const IN_DAYS = `($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date)`;

/** Rate rows for the tenant's work orders and revisits of requests received within the inclusive days. */
export async function rateRows(m: EntityManager, grouping: RateGrouping, from?: string, to?: string): Promise<RateRow[]> {
  const days = [from ?? null, to ?? null];
  const orders: KeyedWorkOrderCounts[] = await m.query(
    `select ${GROUP_KEY[grouping]} as key,
       max(unit_name) as label,
       count(*)::int as "workOrders",
       (count(*) filter (where signed_on_time))::int as "signedOnTime",
       (count(*) filter (where answered_at is not null))::int as answered,
       (count(*) filter (where answered_at is not null and answered_on_time))::int as "answeredOnTime",
       coalesce(sum(handling_working_hours) filter (where answered_at is not null), 0)::float8 as "handlingWorkingHoursSum"
     from work_order_facts
     where created_at is not null and ${IN_DAYS}
     group by 1`,
    days,
  );
  const revisits: KeyedRevisitCounts[] = await m.query(
    `select ${GROUP_KEY[grouping]} as key,
       count(*)::int as revisits,
       (count(*) filter (where resolved))::int as resolved,
       (count(*) filter (where satisfaction = any($3::text[])))::int as "satisfiedOrBasicallySatisfied"
     from revisit_facts
     where ${IN_DAYS}
     group by 1`,
    [...days, SATISFIED_LEVELS],
  );
  const unitNames = grouping === 'unit' ? await namesOfUnits(m, revisits.map((r) => r.key)) : new Map<string, string>();
  return mergeRateRows(grouping, orders, revisits, unitNames);
}

async function namesOfUnits(m: EntityManager, unitIds: string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows: Array<{ unit_id: string; unit_name: string }> = await m.query(
    `select unit_id, max(unit_name) as unit_name from work_order_facts
     where unit_id = any($1::text[]) and unit_name is not null group by unit_id`,
    [unitIds.filter(Boolean)],
  );
  return new Map(rows.map((r) => [r.unit_id, r.unit_name]));
}
