import { MigrationInterface, QueryRunner } from 'typeorm';

/** 催办两次仍未办理 → 通报: the urges after which a still overdue order is circulated (default 2, 0 turns it off). */
export class CircularAfterUrges1764300004610 implements MigrationInterface {
  name = 'CircularAfterUrges1764300004610';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table urging_policies add column circular_after_urges integer not null default 2 check (circular_after_urges between 0 and 10)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table urging_policies drop column circular_after_urges`);
  }
}
