import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Whether a tenant's units answer only through their leader's sign-off; no row means not required. */
@Entity({ name: 'sign_off_policies' })
export class SignOffPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'boolean' })
  required!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
