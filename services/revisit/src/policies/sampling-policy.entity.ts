import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SamplingKey } from '@hotline/revisit-domain';
import type { Resolution, Satisfaction } from '@hotline/vocabulary';

/** How a tenant samples answered requests of one type for revisit (tenant-owned, RLS-protected). */
@Entity({ name: 'sampling_policies' })
export class SamplingPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** A request-type code, or '*' for the tenant's default rule. */
  @PrimaryColumn({ name: 'request_type', type: 'text' })
  requestType!: SamplingKey;

  @Column({ name: 'sample_percent', type: 'int' })
  samplePercent!: number;

  @Column({ name: 'window_hours', type: 'int' })
  windowHours!: number;

  /** Unanswered attempts after which the revisit is exhausted. */
  @Column({ name: 'max_attempts', type: 'int' })
  maxAttempts!: number;

  /** The evaluation recorded when the window ends without one (both set, or neither). */
  @Column({ name: 'default_satisfaction', type: 'text', nullable: true })
  defaultSatisfaction!: Satisfaction | null;

  @Column({ name: 'default_resolution', type: 'text', nullable: true })
  defaultResolution!: Resolution | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
