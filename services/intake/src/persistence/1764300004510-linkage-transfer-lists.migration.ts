import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Each hotline's bilateral transfer lists (双向分流转办事项清单, e.g. Tianjin's 9类64项 12345→110
 * and 22类105项 110→12345; domain.md §10.1): items with the categories and keywords that make a
 * request match, so intake can suggest a transfer and say why. Replaced as a whole per direction.
 */
export class LinkageTransferLists1764300004510 implements MigrationInterface {
  name = 'LinkageTransferLists1764300004510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table linkage_transfer_items (
        tenant_id text not null,
        direction text not null check (direction in ('outgoing', 'incoming')),
        counterpart text not null check (counterpart in ('110', '119', '120', '122', 'water', 'power', 'gas', 'heating')),
        code text not null,
        class_name text not null,
        item_name text not null,
        category_codes text[] not null default '{}',
        keywords text[] not null default '{}',
        primary key (tenant_id, direction, code)
      )`);
    for (const sql of tenantIsolationSql('linkage_transfer_items')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table linkage_transfer_items`);
  }
}
