import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ClockUnit, Counting, RequestType, Urgency } from '@hotline/vocabulary';

/** A tenant's own time limit for one request type × urgency (tenant-owned, RLS-protected). */
@Entity({ name: 'time_limits' })
export class TimeLimitEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'request_type', type: 'text' })
  requestType!: RequestType;

  @PrimaryColumn({ type: 'text' })
  urgency!: Urgency;

  @Column({ name: 'sign_unit', type: 'text' })
  signUnit!: ClockUnit;

  @Column({ name: 'sign_amount', type: 'integer' })
  signAmount!: number;

  /** NULL unless the tenant named a counting: the rule then takes DEFAULT_COUNTING. */
  @Column({ name: 'sign_counting', type: 'text', nullable: true })
  signCounting!: Counting | null;

  @Column({ name: 'handle_unit', type: 'text' })
  handleUnit!: ClockUnit;

  @Column({ name: 'handle_amount', type: 'integer' })
  handleAmount!: number;

  @Column({ name: 'handle_counting', type: 'text', nullable: true })
  handleCounting!: Counting | null;
}
