import { MigrationInterface, QueryRunner } from 'typeorm';

/** An order superseded by an escalation (提级统筹) is cancelled with reason `escalated`. */
export class EscalatedCancelReason1764300004250 implements MigrationInterface {
  name = 'EscalatedCancelReason1764300004250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders drop constraint work_orders_cancel_reason_check`);
    await q.query(`alter table work_orders add constraint work_orders_cancel_reason_check
      check (cancel_reason in ('request-closed', 'return-accepted', 'escalated'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders drop constraint work_orders_cancel_reason_check`);
    await q.query(`alter table work_orders add constraint work_orders_cancel_reason_check check (cancel_reason in ('request-closed', 'return-accepted'))`);
  }
}
