import { MigrationInterface, QueryRunner } from 'typeorm';

/** An order may be cancelled because its unit's return (退单) was accepted (issue 11). */
export class ReturnCancelReason1764300004150 implements MigrationInterface {
  name = 'ReturnCancelReason1764300004150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders drop constraint work_orders_cancel_reason_check`);
    await q.query(`alter table work_orders add constraint work_orders_cancel_reason_check
      check (cancel_reason in ('request-closed', 'return-accepted'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders drop constraint work_orders_cancel_reason_check`);
    await q.query(`alter table work_orders add constraint work_orders_cancel_reason_check check (cancel_reason in ('request-closed'))`);
  }
}
