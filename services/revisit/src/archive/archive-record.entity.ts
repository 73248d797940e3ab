import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JsonValue } from '@hotline/revisit-domain';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? v : Number(v)) };

/**
 * One link of a tenant's hash chain of closed requests (tenant-owned, RLS). Append-only:
 * triggers refuse UPDATE, DELETE and TRUNCATE (ArchiveAppendOnly1764300001420).
 */
@Entity({ name: 'archive_records' })
export class ArchiveRecordEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  sequence!: number;

  @Column({ name: 'archive_id', type: 'uuid' })
  archiveId!: string;

  /** Null for an entry about no request: a re-seal (ArchiveResealed1764300003210). */
  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  /** A case-file record (CaseArchiveRecord), an early summary record or a re-seal entry (ResealRecord): whatever was chained. */
  @Column({ type: 'jsonb' })
  record!: JsonValue;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash!: string;

  @Column({ name: 'record_hash', type: 'text' })
  recordHash!: string;

  @Column({ name: 'archived_at', type: 'timestamptz' })
  archivedAt!: Date;
}
