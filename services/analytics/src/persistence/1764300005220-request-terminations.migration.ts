import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * 诉求终结 (domain.md §11.3): a terminated request is kept and counted apart, its orders left out
 * of the unit's rates where the tenant says so. Its status moves on (it is archived), so that it
 * was terminated, when and why (intake's RequestTerminated) are columns of their own.
 *
 * The rates read a range of work orders by receipt day: grouped by area, they read the area kept
 * on the order (from its request's brief), and they leave out the orders of terminated requests
 * through an index of the terminated requests only (few), never a join to every request of the
 * tenant.
 *
 * Stored rows: requests terminated by status take their status time (their reason comes with no
 * event); orders take their request's area.
 */
export class RequestTerminations1764300005220 implements MigrationInterface {
  name = 'RequestTerminations1764300005220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table request_facts
        add column terminated_at timestamptz,
        add column termination_id text,
        add column termination_reason text`);
    await q.query(`alter table work_order_facts add column area_code text`);
    await q.query(`create index request_facts_terminated on request_facts (tenant_id, request_id) where terminated_at is not null`);
    await acrossTenants(q, ['request_facts', 'work_order_facts'], async () => {
      await q.query(`update request_facts set terminated_at = coalesce(status_at, now()) where status = 'terminated'`);
      await q.query(`
        update work_order_facts o set area_code = f.area_code
        from request_facts f where f.tenant_id = o.tenant_id and f.request_id = o.request_id and f.area_code is not null`);
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index request_facts_terminated`);
    await q.query(`alter table work_order_facts drop column area_code`);
    await q.query(`alter table request_facts drop column termination_reason, drop column termination_id, drop column terminated_at`);
  }
}
