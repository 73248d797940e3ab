import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SamplingKey } from '@hotline/revisit-domain';

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

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
