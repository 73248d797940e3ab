import { MigrationInterface, QueryRunner } from 'typeorm';

/** 重件 by the 主要负责人: which orders are important (by urgency, under 督办) in the tenant's sign-off policy. */
export class ImportantOrdersSignOff1764300004620 implements MigrationInterface {
  name = 'ImportantOrdersSignOff1764300004620';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table sign_off_policies add column important_urgencies text[] not null default '{}'`);
    await q.query(`alter table sign_off_policies add column important_when_supervised boolean not null default false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table sign_off_policies drop column important_when_supervised`);
    await q.query(`alter table sign_off_policies drop column important_urgencies`);
  }
}
