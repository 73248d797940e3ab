import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Co-handling (ADR 0026): an assisting order ends `input-given`; the hotline may release one that
 * owes its input (cancel reason `released`, with who and why).
 */
export class CoHandling1764300004260 implements MigrationInterface {
  name = 'CoHandling1764300004260';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders drop constraint work_orders_status_check`);
    await q.query(`alter table work_orders add constraint work_orders_status_check
      check (status in ('awaiting-sign', 'in-progress', 'answered', 'reviewed', 'input-given', 'cancelled'))`);
    await q.query(`alter table work_orders drop constraint work_orders_cancel_reason_check`);
    await q.query(`alter table work_orders add constraint work_orders_cancel_reason_check
      check (cancel_reason in ('request-closed', 'return-accepted', 'escalated', 'released'))`);
    await q.query(`alter table work_orders add column cancelled_by text, add column cancel_note text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders drop column cancelled_by, drop column cancel_note`);
    await q.query(`alter table work_orders drop constraint work_orders_cancel_reason_check`);
    await q.query(`alter table work_orders add constraint work_orders_cancel_reason_check
      check (cancel_reason in ('request-closed', 'return-accepted', 'escalated'))`);
    await q.query(`alter table work_orders drop constraint work_orders_status_check`);
    await q.query(`alter table work_orders add constraint work_orders_status_check
      check (status in ('awaiting-sign', 'in-progress', 'answered', 'reviewed', 'cancelled'))`);
  }
}
