import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProgressStatus } from '@hotline/revisit-domain';
import type { RevisitOutcome, RevisitSkipReason } from '@hotline/vocabulary';

/** Where a request stands between its primary answer and its closure (tenant-owned, RLS). */
@Entity({ name: 'request_progress' })
export class RequestProgressEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'primary_work_order_id', type: 'text' })
  primaryWorkOrderId!: string;

  @Column({ name: 'primary_unit_id', type: 'text' })
  primaryUnitId!: string;

  @Column({ type: 'text' })
  status!: ProgressStatus;

  /** An anonymous request the hotline checks itself (Bengbu): nobody to call. */
  @Column({ name: 'hotline_check', type: 'boolean', default: false })
  hotlineCheck!: boolean;

  /** Revisit attempts that reached nobody so far. */
  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'revisit_outcome', type: 'text', nullable: true })
  revisitOutcome!: RevisitOutcome | null;

  @Column({ name: 'skip_reason', type: 'text', nullable: true })
  skipReason!: RevisitSkipReason | null;
}
