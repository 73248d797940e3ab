import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant's urging ladder; no row means DEFAULT_URGING_POLICY. */
@Entity({ name: 'urging_policies' })
export class UrgingPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'notice_after_due_working_days', type: 'integer' })
  noticeAfterDueWorkingDays!: number;

  @Column({ name: 'circular_after_notice_working_days', type: 'integer' })
  circularAfterNoticeWorkingDays!: number;

  @Column({ name: 'circular_after_urges', type: 'integer', default: 2 })
  circularAfterUrges!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
