import { MigrationInterface, QueryRunner } from 'typeorm';

/** 催办率 and 督办: how often each order was urged, when it reached the ladder's notice and circular, and its 督办 orders. */
export class WorkOrderUrges1764300004750 implements MigrationInterface {
  name = 'WorkOrderUrges1764300004750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table work_order_facts
        add column urges integer not null default 0,
        add column urge_notice_at timestamptz,
        add column urge_circular_at timestamptz,
        add column supervisions integer not null default 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_order_facts drop column supervisions, drop column urge_circular_at, drop column urge_notice_at, drop column urges`);
  }
}
