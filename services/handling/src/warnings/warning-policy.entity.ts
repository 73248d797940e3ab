import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant's warning thresholds; no row means DEFAULT_WARNING_POLICY. */
@Entity({ name: 'warning_policies' })
export class WarningPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'yellow_percent', type: 'integer' })
  yellowPercent!: number;

  @Column({ name: 'red_percent', type: 'integer' })
  redPercent!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
