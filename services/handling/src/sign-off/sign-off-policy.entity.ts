import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Whether a tenant's units answer only through their leader's sign-off, and which orders their principal's; no row means not required. */
@Entity({ name: 'sign_off_policies' })
export class SignOffPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'boolean' })
  required!: boolean;

  /** Urgencies whose orders are 重件, signed off by the unit's principal (主要负责人). */
  @Column({ name: 'important_urgencies', type: 'text', array: true, default: () => `'{}'` })
  importantUrgencies!: string[];

  @Column({ name: 'important_when_supervised', type: 'boolean', default: false })
  importantWhenSupervised!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
