import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HandlingClockStart } from '@hotline/vocabulary';

/** A tenant's clock policy; no row means DEFAULT_CLOCK_POLICY. */
@Entity({ name: 'clock_policies' })
export class ClockPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'handling_starts_at', type: 'text' })
  handlingStartsAt!: HandlingClockStart;

  @Column({ name: 'max_pauses', type: 'integer' })
  maxPauses!: number;

  @Column({ name: 'max_pause_working_days', type: 'integer' })
  maxPauseWorkingDays!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
