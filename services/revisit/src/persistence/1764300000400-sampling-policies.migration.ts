import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

export class SamplingPolicies1764300000400 implements MigrationInterface {
  name = 'SamplingPolicies1764300000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table sampling_policies (
        tenant_id text not null,
        request_type text not null check (request_type in ('*', '咨询', '求助', '投诉', '举报', '建议', '表扬', '其他')),
        sample_percent int not null check (sample_percent between 0 and 100),
        window_hours int not null check (window_hours between 1 and 720),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, request_type)
      )`);
    for (const sql of tenantIsolationSql('sampling_policies')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table sampling_policies`);
  }
}
