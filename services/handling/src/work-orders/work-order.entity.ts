import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { commonV1 } from '@hotline/contracts';
import type { OrderTimeLimit } from '@hotline/handling-domain';
import type { AssignmentRole, HandlingClockStart, WarningLevel, WorkOrderCancelReason, WorkOrderStatus } from '@hotline/vocabulary';

/** One unit's share of a dispatched request (tenant-owned, RLS-protected). */
@Entity({ name: 'work_orders' })
@Unique(['tenantId', 'requestId', 'unitId'])
export class WorkOrderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode!: string;

  @Column({ name: 'unit_name', type: 'text' })
  unitName!: string;

  @Column({ type: 'text' })
  role!: AssignmentRole;

  @Column({ type: 'text' })
  status!: WorkOrderStatus;

  /** The request as dispatch described it: masked requester, title and content masked. */
  @Column({ type: 'jsonb' })
  brief!: commonV1.RequestBrief;

  /** The dispatch instant: the sign-for clock starts here, and the handling clock where the tenant counts from the dispatch. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the handling clock starts, from the tenant's clock policy at creation (fixed for the order). */
  @Column({ name: 'handling_clock_start', type: 'text', default: 'dispatch' })
  handlingClockStart!: HandlingClockStart;

  /** Where the handling clock started; from the sign-for and unsigned yet, its latest start (the sign-for due). */
  @Column({ name: 'handle_started_at', type: 'timestamptz' })
  handleStartedAt!: Date;

  /** Since when an approved pause stops the handling clock; null while it runs. */
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt!: Date | null;

  /** The rules the order is held to, fixed at creation; null for orders created before it was kept. */
  @Column({ name: 'time_limit', type: 'jsonb', nullable: true })
  timeLimit!: OrderTimeLimit | null;

  @Column({ name: 'sign_due_at', type: 'timestamptz' })
  signDueAt!: Date;

  /** The original handling due; rework never moves it (the on-time rate counts against it). */
  @Column({ name: 'handle_due_at', type: 'timestamptz' })
  handleDueAt!: Date;

  /** The handling due as moved by the approved extensions (延期) and pauses; null when never moved. */
  @Column({ name: 'extended_due_at', type: 'timestamptz', nullable: true })
  extendedDueAt!: Date | null;

  /** The due of the current round of rework (退回重办), from its reopening. */
  @Column({ name: 'rework_due_at', type: 'timestamptz', nullable: true })
  reworkDueAt!: Date | null;

  @Column({ name: 'reopened_at', type: 'timestamptz', nullable: true })
  reopenedAt!: Date | null;

  /** A due reaches into a year without national holiday data (provisional_years says which). */
  @Column({ name: 'due_provisional', type: 'boolean', default: false })
  dueProvisional!: boolean;

  @Column({ name: 'provisional_years', type: 'integer', array: true, default: () => `'{}'` })
  provisionalYears!: number[];

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt!: Date | null;

  @Column({ name: 'signed_by', type: 'text', nullable: true })
  signedBy!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy!: string | null;

  /** The unit leader who signed the answer off (a leader answering signs it off), where there was one. */
  @Column({ name: 'signed_off_by', type: 'text', nullable: true })
  signedOffBy!: string | null;

  // The answer, its basis and the contact record as everyone sees them: masked (issue 10).
  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ type: 'text', nullable: true })
  basis!: string | null;

  @Column({ name: 'contact_record', type: 'text', nullable: true })
  contactRecord!: string | null;

  // Their clear text, encrypted per tenant (PiiCipher), only where it differs from the masked text.
  @Column({ name: 'answer_enc', type: 'bytea', nullable: true })
  answerEnc!: Buffer | null;

  @Column({ name: 'basis_enc', type: 'bytea', nullable: true })
  basisEnc!: Buffer | null;

  @Column({ name: 'contact_record_enc', type: 'bytea', nullable: true })
  contactRecordEnc!: Buffer | null;

  @Column({ name: 'rework_count', type: 'integer', default: 0 })
  reworkCount!: number;

  @Column({ name: 'sign_overdue', type: 'boolean', default: false })
  signOverdue!: boolean;

  @Column({ name: 'handle_overdue', type: 'boolean', default: false })
  handleOverdue!: boolean;

  @Column({ name: 'rework_overdue', type: 'boolean', default: false })
  reworkOverdue!: boolean;

  /** 红黄绿灯 on the handling clock, raised by the warning timers. */
  @Column({ name: 'warning_level', type: 'text', default: 'green' })
  warningLevel!: WarningLevel;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: WorkOrderCancelReason | null;

  /** Who cancelled it when a person did (a release); null when the system did. */
  @Column({ name: 'cancelled_by', type: 'text', nullable: true })
  cancelledBy!: string | null;

  /** Why, in that person's words, masked. */
  @Column({ name: 'cancel_note', type: 'text', nullable: true })
  cancelNote!: string | null;
}
