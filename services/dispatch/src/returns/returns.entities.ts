import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReturnReason, ReturnStatus } from '@hotline/vocabulary';

/** A unit's return (退单) of one dispatch attempt, and the hotline's decision on it (tenant-owned, RLS). */
@Entity({ name: 'dispatch_returns' })
export class ReturnEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ type: 'int' })
  attempt!: number;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode!: string;

  @Column({ name: 'unit_name', type: 'text' })
  unitName!: string;

  @Column({ name: 'reason_code', type: 'text' })
  reasonCode!: ReturnReason;

  /** The legal or duty basis (依据) the unit cites: about the duty, kept in dispatch only. */
  @Column({ type: 'text' })
  basis!: string;

  @Column({ name: 'returned_by', type: 'text' })
  returnedBy!: string;

  @Column({ name: 'returned_at', type: 'timestamptz' })
  returnedAt!: Date;

  @Column({ name: 'window_due_at', type: 'timestamptz' })
  windowDueAt!: Date;

  @Column({ type: 'text' })
  status!: ReturnStatus;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** Why the hotline decided so: internal, never on the public lookup. */
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  /** The unit the returning unit thinks is right (建议承办单位), as the directory had it then; null when none was named. */
  @Column({ name: 'suggested_unit_id', type: 'uuid', nullable: true })
  suggestedUnitId!: string | null;

  @Column({ name: 'suggested_unit_code', type: 'text', nullable: true })
  suggestedUnitCode!: string | null;

  @Column({ name: 'suggested_unit_name', type: 'text', nullable: true })
  suggestedUnitName!: string | null;
}

/** A tenant's return window, maximum dispatch attempts and accepted reasons; absent → the defaults. */
@Entity({ name: 'dispatch_settings' })
export class DispatchSettingsEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'return_window_working_days', type: 'int' })
  returnWindowWorkingDays!: number;

  @Column({ name: 'max_dispatch_attempts', type: 'int' })
  maxDispatchAttempts!: number;

  @Column({ name: 'return_reasons', type: 'text', array: true })
  returnReasons!: ReturnReason[];

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
