import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/** The last year libs/calendar shipped when this migration was written. */
const LAST_SHIPPED_YEAR = 2026;

/**
 * Work orders gain: who signed and answered; the rework due beside the original handling due;
 * cancellation (status `cancelled`, its reason and time); the provisional-due mark; and the
 * limit the order is held to. Open orders created before, whose handling due reaches past the
 * last shipped year, were computed without that year's holidays: they are marked provisional
 * (with a coverage gap for their tenant) so that loading the year recomputes them. Orders
 * already reworked are left alone: their handle_due_at was overwritten by the old rework rule.
 */
export class WorkOrderClocks1764300001120 implements MigrationInterface {
  name = 'WorkOrderClocks1764300001120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table work_orders
        add column signed_by text,
        add column answered_by text,
        add column reopened_at timestamptz,
        add column rework_due_at timestamptz,
        add column rework_overdue boolean not null default false,
        add column cancelled_at timestamptz,
        add column cancel_reason text check (cancel_reason in ('request-closed')),
        add column due_provisional boolean not null default false,
        add column provisional_years integer[] not null default '{}',
        add column time_limit jsonb`);
    await q.query(`alter table work_orders drop constraint work_orders_status_check`);
    await q.query(`
      alter table work_orders add constraint work_orders_status_check
        check (status in ('awaiting-sign', 'in-progress', 'answered', 'reviewed', 'cancelled'))`);
    await q.query(`create index work_orders_provisional_idx on work_orders (tenant_id) where due_provisional`);

    // Every tenant's rows at once: the owner lifts the forced policies for this transaction only.
    await acrossTenants(q, ['work_orders', 'tenant_calendars'], async () => {
      await q.query(
        `with spans as (
           select w.id,
                  extract(year from w.created_at at time zone coalesce(c.time_zone, 'Asia/Shanghai'))::int as first_year,
                  extract(year from (w.handle_due_at - interval '1 millisecond') at time zone coalesce(c.time_zone, 'Asia/Shanghai'))::int as last_year
             from work_orders w left join tenant_calendars c on c.tenant_id = w.tenant_id
            where w.status in ('awaiting-sign', 'in-progress') and w.rework_count = 0
         ), gaps as (
           select id, array_agg(y order by y) as years
             from spans, generate_series(greatest(first_year, $1 + 1), last_year) as y
            group by id
         )
         update work_orders w set due_provisional = true, provisional_years = gaps.years from gaps where w.id = gaps.id`,
        [LAST_SHIPPED_YEAR],
      );
      await q.query(
        `insert into calendar_coverage_gaps (tenant_id, year)
         select distinct tenant_id, unnest(provisional_years) from work_orders where due_provisional
         on conflict do nothing`,
      );
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index work_orders_provisional_idx`);
    await q.query(`alter table work_orders drop constraint work_orders_status_check`);
    await q.query(`
      alter table work_orders add constraint work_orders_status_check
        check (status in ('awaiting-sign', 'in-progress', 'answered', 'reviewed'))`);
    await q.query(`
      alter table work_orders
        drop column signed_by, drop column answered_by, drop column reopened_at, drop column rework_due_at,
        drop column rework_overdue, drop column cancelled_at, drop column cancel_reason,
        drop column due_provisional, drop column provisional_years, drop column time_limit`);
  }
}
