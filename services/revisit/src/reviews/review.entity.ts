import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssignmentRole, ReviewStatus } from '@hotline/vocabulary';

/** A snapshot of one answer (per work order and rework round) awaiting or after 复核 (tenant-owned, RLS). */
@Entity({ name: 'reviews' })
export class ReviewEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'work_order_id', type: 'text' })
  workOrderId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'text' })
  role!: AssignmentRole;

  @Column({ type: 'text' })
  answer!: string;

  @Column({ type: 'text' })
  basis!: string;

  @Column({ name: 'contact_record', type: 'text' })
  contactRecord!: string;

  /** Null for answers received before the case file recorded them. */
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy!: string | null;

  /** Before the original handling due (WorkOrderAnswered.on_time). */
  @Column({ name: 'on_time', type: 'boolean', nullable: true })
  onTime!: boolean | null;

  @Column({ name: 'rework_count', type: 'int' })
  reworkCount!: number;

  @Column({ type: 'text' })
  status!: ReviewStatus;

  @Column({ type: 'text', array: true })
  reasons!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When and by whom it was decided (system:revisit when a closure withdrew it). */
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'reviewed_by', type: 'text', nullable: true })
  reviewedBy!: string | null;
}
