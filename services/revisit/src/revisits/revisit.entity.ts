import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RevisitMethod, Satisfaction } from '@hotline/vocabulary';

/** One revisit (回访) of a requester about the primary unit's answer (tenant-owned, RLS). */
@Entity({ name: 'revisits' })
export class RevisitEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'text' })
  method!: RevisitMethod;

  @Column({ type: 'boolean' })
  resolved!: boolean;

  @Column({ type: 'text' })
  satisfaction!: Satisfaction;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;
}
