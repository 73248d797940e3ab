import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One node of one version of a tenant's content taxonomy (tenant-owned, RLS-protected, never changed). */
@Entity({ name: 'categories' })
export class CategoryEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode!: string | null;

  @Column({ type: 'smallint' })
  level!: number;
}
