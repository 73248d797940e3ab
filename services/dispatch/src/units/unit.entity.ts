import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { UnitLevel } from '@hotline/vocabulary';

/** A handling unit (承办单位) in a tenant's org tree, with its areas of jurisdiction (tenant-owned, RLS-protected). */
@Entity({ name: 'handling_units' })
@Unique(['tenantId', 'code'])
export class UnitEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Null for a root unit. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ name: 'area_codes', type: 'text', array: true })
  areaCodes!: string[];

  /** Its level in the tree: a street/township unit takes territorial (属地) duties only. */
  @Column({ type: 'text', default: 'department' })
  level!: UnitLevel;

  /** False once deactivated: no new work (catalog, dispatcher, negotiation, escalation); its open orders go on. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
