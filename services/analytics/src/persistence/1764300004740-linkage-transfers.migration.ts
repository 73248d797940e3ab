import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Transfers of the 12345↔110 interconnect (and the other counterparts), one row per transfer
 * from intake's TransferOffered and TransferDecided: where it went, how, what became of it and
 * when. `day` is the local day (Asia/Shanghai) it was offered, which the figures filter on.
 */
export class LinkageTransfers1764300004740 implements MigrationInterface {
  name = 'LinkageTransfers1764300004740';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table linkage_transfer_facts (
        tenant_id text not null,
        transfer_id text not null,
        request_id text not null,
        direction text not null,
        counterpart text not null,
        method text not null,
        state text not null,
        decline_reason text,
        offered_at timestamptz not null,
        day date not null,
        decided_at timestamptz,
        primary key (tenant_id, transfer_id)
      )`);
    await q.query(`create index linkage_transfer_facts_day on linkage_transfer_facts (tenant_id, day)`);
    for (const sql of tenantIsolationSql('linkage_transfer_facts')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table linkage_transfer_facts`);
  }
}
