import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** The content types and scan results of release 0.x (ADR 0028); a later list gets a migration of its own. */
export const ATTACHMENT_CONTENT_TYPES_1764300004650 = [
  'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain', 'audio/mpeg', 'audio/wav', 'audio/amr', 'audio/amr-wb',
];
const quoted = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Attachments of work orders' answers and of 督办 replies (ADR 0028): the metadata of each file
 * (its bytes are in the attachment store under a key that begins with the tenant), and the
 * tenant's limits. Both tenant-owned, under row-level security.
 */
export class Attachments1764300004650 implements MigrationInterface {
  name = 'Attachments1764300004650';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table attachments (
        id uuid primary key,
        tenant_id text not null,
        owner_kind text not null check (owner_kind in ('work-order', 'supervision-order')),
        -- A work order's or a 督办 order's id, by owner_kind.
        owner_id uuid not null,
        filename text not null check (length(filename) between 1 and 200),
        declared_content_type text not null,
        content_type text not null check (content_type in (${quoted(ATTACHMENT_CONTENT_TYPES_1764300004650)})),
        size_bytes bigint not null check (size_bytes > 0),
        sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text not null unique check (storage_key like tenant_id || '/%'),
        scan_result text not null check (scan_result in ('not-scanned', 'clean')),
        uploaded_by text not null,
        uploaded_at timestamptz not null
      )`);
    await q.query(`create index attachments_by_owner on attachments (tenant_id, owner_kind, owner_id, uploaded_at)`);
    await q.query(`
      create table attachment_policies (
        tenant_id text primary key,
        max_file_bytes integer not null check (max_file_bytes > 0),
        max_files_per_owner integer not null check (max_files_per_owner > 0),
        content_types text[] not null,
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    for (const table of ['attachments', 'attachment_policies']) for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table attachment_policies`);
    await q.query(`drop table attachments`);
  }
}
