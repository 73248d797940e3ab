import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PauseEndKind, PauseReason, PauseStatus } from '@hotline/vocabulary';

/** One pause of a work order's handling clock (暂停计时), asked, decided and ended (tenant-owned, RLS-protected). */
@Entity({ name: 'work_order_pauses' })
export class WorkOrderPauseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'work_order_id', type: 'uuid' })
  workOrderId!: string;

  @Column({ type: 'text' })
  status!: PauseStatus;

  @Column({ type: 'text' })
  reason!: PauseReason;

  /** What the unit waits for, in its words, masked. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'asked_at', type: 'timestamptz' })
  askedAt!: Date;

  @Column({ name: 'asked_by', type: 'text' })
  askedBy!: string;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  /** When the clock stopped: the approval. */
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  /** When the pause resumes by itself: the tenant's longest pause. */
  @Column({ name: 'resumes_by', type: 'timestamptz', nullable: true })
  resumesBy!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'ended_by', type: 'text', nullable: true })
  endedBy!: string | null;

  @Column({ name: 'end_kind', type: 'text', nullable: true })
  endKind!: PauseEndKind | null;

  /** The handling due when the clock stopped, and after it resumed. */
  @Column({ name: 'due_before', type: 'timestamptz', nullable: true })
  dueBefore!: Date | null;

  @Column({ name: 'due_after', type: 'timestamptz', nullable: true })
  dueAfter!: Date | null;
}
