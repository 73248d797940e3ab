import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Urgency } from '@hotline/vocabulary';

/** A tenant's own dispatch limits for the manual queue (none: the defaults). */
@Entity({ name: 'dispatch_queue_policies' })
export class DispatchQueuePolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'limit_minutes', type: 'jsonb' })
  limitMinutes!: Record<Urgency, number>;

  @Column({ name: 'warn_at_percent', type: 'int' })
  warnAtPercent!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
