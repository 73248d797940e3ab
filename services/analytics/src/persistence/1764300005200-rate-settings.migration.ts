import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * How each tenant computes its rates (issue 13, domain.md §9.3): the weights of 基本满意 in 满意率
 * and of 部分解决 in 解决率, and whether terminated requests and evaluations judged unreasonable
 * are left out. A tenant without a row uses the documented defaults (DEFAULT_RATE_SETTINGS).
 */
export class RateSettings1764300005200 implements MigrationInterface {
  name = 'RateSettings1764300005200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table rate_settings (
        tenant_id text primary key,
        basically_satisfied_weight double precision not null check (basically_satisfied_weight between 0 and 1),
        partly_resolved_weight double precision not null check (partly_resolved_weight between 0 and 1),
        exclude_terminated boolean not null,
        exclude_unreasonable_evaluations boolean not null,
        updated_at timestamptz not null default now(),
        updated_by text not null
      )`);
    for (const sql of tenantIsolationSql('rate_settings')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table rate_settings`);
  }
}
