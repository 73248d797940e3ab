import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { AssignmentRole, WorkOrderStatus } from '@hotline/handling-domain';
import type { commonV1 } from '@hotline/contracts';

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

  /** The request as dispatch described it (masked requester only). */
  @Column({ type: 'jsonb' })
  brief!: commonV1.RequestBrief;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sign_due_at', type: 'timestamptz' })
  signDueAt!: Date;

  @Column({ name: 'handle_due_at', type: 'timestamptz' })
  handleDueAt!: Date;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt!: Date | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ type: 'text', nullable: true })
  basis!: string | null;

  @Column({ name: 'contact_record', type: 'text', nullable: true })
  contactRecord!: string | null;

  @Column({ name: 'rework_count', type: 'integer', default: 0 })
  reworkCount!: number;

  @Column({ name: 'sign_overdue', type: 'boolean', default: false })
  signOverdue!: boolean;

  @Column({ name: 'handle_overdue', type: 'boolean', default: false })
  handleOverdue!: boolean;
}
