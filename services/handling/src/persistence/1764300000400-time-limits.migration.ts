import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

const UNITS = `('working-days', 'working-hours', 'calendar-minutes')`;
const COUNTINGS = `('from-receipt', 'from-next-day')`;

export class TimeLimits1764300000400 implements MigrationInterface {
  name = 'TimeLimits1764300000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table time_limits (
        tenant_id text not null,
        request_type text not null,
        urgency text not null,
        sign_unit text not null check (sign_unit in ${UNITS}),
        sign_amount integer not null check (sign_amount > 0),
        sign_counting text check (sign_counting in ${COUNTINGS}),
        handle_unit text not null check (handle_unit in ${UNITS}),
        handle_amount integer not null check (handle_amount > 0),
        handle_counting text check (handle_counting in ${COUNTINGS}),
        primary key (tenant_id, request_type, urgency)
      )`);
    for (const sql of tenantIsolationSql('time_limits')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table time_limits`);
  }
}
