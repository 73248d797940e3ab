import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Dispatch quality (退单率, 改派次数, 指定办理, 派单准确率) from dispatch's events: one row per
 * dispatch attempt of a request with its primary unit, and one per return (退单) of an attempt
 * with the dispute review's outcome. `day` is the local day (Asia/Shanghai) of the dispatch.
 */
export class DispatchQuality1764300004760 implements MigrationInterface {
  name = 'DispatchQuality1764300004760';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table dispatch_attempt_facts (
        tenant_id text not null,
        request_id text not null,
        attempt integer not null,
        unit_id text not null,
        unit_code text,
        unit_name text,
        mode text not null,
        designated boolean not null,
        dispatched_at timestamptz not null,
        day date not null,
        primary key (tenant_id, request_id, attempt)
      )`);
    await q.query(`create index dispatch_attempt_facts_day on dispatch_attempt_facts (tenant_id, day)`);
    await q.query(`
      create table dispatch_return_facts (
        tenant_id text not null,
        return_id text not null,
        request_id text not null,
        attempt integer not null,
        unit_id text not null,
        unit_code text,
        reason_code text not null,
        status text not null,
        filed_at timestamptz,
        decided_at timestamptz,
        primary key (tenant_id, return_id)
      )`);
    await q.query(`create index dispatch_return_facts_attempt on dispatch_return_facts (tenant_id, request_id, attempt)`);
    for (const table of ['dispatch_attempt_facts', 'dispatch_return_facts']) for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dispatch_return_facts`);
    await q.query(`drop table dispatch_attempt_facts`);
  }
}
