import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

export class Channels1764300000100 implements MigrationInterface {
  name = 'Channels1764300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table channels (
        id uuid primary key,
        tenant_id text not null,
        code text not null,
        name text not null,
        kind text not null check (kind in ('phone', 'web', 'mobile-app', 'wechat', 'sms', 'email', 'linkage')),
        enabled boolean not null default true,
        created_at timestamptz not null default now(),
        unique (tenant_id, code)
      )`);
    for (const sql of tenantIsolationSql('channels')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table channels`);
  }
}
