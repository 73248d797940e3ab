import { Column, Entity, PrimaryColumn } from 'typeorm';

/** '*' is the tenant's default rule; the others are request types (诉求类型). */
export const REQUEST_TYPES = ['*', '咨询', '求助', '投诉', '举报', '建议', '表扬', '其他'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** How a tenant samples answered requests of one type for revisit (tenant-owned, RLS-protected). */
@Entity({ name: 'sampling_policies' })
export class SamplingPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'request_type', type: 'text' })
  requestType!: RequestType;

  @Column({ name: 'sample_percent', type: 'int' })
  samplePercent!: number;

  @Column({ name: 'window_hours', type: 'int' })
  windowHours!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
