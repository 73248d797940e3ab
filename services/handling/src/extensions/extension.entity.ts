import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExtensionRefusal, ExtensionStatus } from '@hotline/vocabulary';

/** One extension (延期申请) asked of a work order, with its decision (tenant-owned, RLS-protected). */
@Entity({ name: 'work_order_extensions' })
export class WorkOrderExtensionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'work_order_id', type: 'uuid' })
  workOrderId!: string;

  @Column({ type: 'text' })
  status!: ExtensionStatus;

  @Column({ type: 'text', nullable: true })
  refusal!: ExtensionRefusal | null;

  @Column({ name: 'extra_working_days', type: 'integer' })
  extraWorkingDays!: number;

  // Reason and basis are kept masked: the unit writes about the case, not about the requester.
  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  basis!: string;

  /** The handling due the request would extend, and the due it asks for. */
  @Column({ name: 'current_due_at', type: 'timestamptz' })
  currentDueAt!: Date;

  @Column({ name: 'proposed_due_at', type: 'timestamptz' })
  proposedDueAt!: Date;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;
}

/** A tenant's extension limits; no row means DEFAULT_EXTENSION_POLICY. */
@Entity({ name: 'extension_policies' })
export class ExtensionPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'max_extensions', type: 'integer' })
  maxExtensions!: number;

  @Column({ name: 'max_extra_working_days', type: 'integer', nullable: true })
  maxExtraWorkingDays!: number | null;

  @Column({ name: 'max_total_working_days', type: 'integer', nullable: true })
  maxTotalWorkingDays!: number | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
