import { MigrationInterface, QueryRunner } from 'typeorm';

/** 首接负责: a catalog entry or a dispatch may make its primary unit first-responsible (ADR 0020). */
export class FirstResponsibility1764300004150 implements MigrationInterface {
  name = 'FirstResponsibility1764300004150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table catalog_entries add column first_responsible boolean not null default false`);
    await q.query(`alter table dispatches add column first_responsible boolean not null default false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table dispatches drop column first_responsible`);
    await q.query(`alter table catalog_entries drop column first_responsible`);
  }
}
