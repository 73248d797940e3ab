import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

export class EventTallies1764300000500 implements MigrationInterface {
  name = 'EventTallies1764300000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table event_tallies (
        tenant_id text not null,
        event_type text not null,
        day date not null,
        count bigint not null default 0,
        primary key (tenant_id, event_type, day)
      )`);
    for (const sql of tenantIsolationSql('event_tallies')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table event_tallies`);
  }
}
