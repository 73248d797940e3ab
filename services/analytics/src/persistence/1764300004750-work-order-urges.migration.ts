import { MigrationInterface, QueryRunner } from 'typeorm';

/** 催办率: how often each order was urged, and when it reached the ladder's notice and circular. */
export class WorkOrderUrges1764300004750 implements MigrationInterface {
  name = 'WorkOrderUrges1764300004750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table work_order_facts
        add column urges integer not null default 0,
        add column urge_notice_at timestamptz,
        add column urge_circular_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_order_facts drop column urge_circular_at, drop column urge_notice_at, drop column urges`);
  }
}
