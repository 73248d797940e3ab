import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A published, immutable version of a tenant's dispatch catalog; the newest is in force. */
@Entity({ name: 'catalog_versions' })
export class CatalogVersionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'text' })
  publishedBy!: string;
}

/**
 * One line of a catalog version: a category (and every category below it) in an area ('*' =
 * any; the area and every area below it otherwise) → primary + assisting units.
 */
@Entity({ name: 'catalog_entries' })
export class CatalogEntryEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** Place in the published list, to give the entries back in the order they were sent. */
  @Column({ type: 'int' })
  position!: number;

  @PrimaryColumn({ name: 'category_code', type: 'text' })
  categoryCode!: string;

  /** As published: '*', or an area code in the spelling the admin used (320100 or 3201). */
  @PrimaryColumn({ name: 'area_code', type: 'text' })
  areaCode!: string;

  @Column({ name: 'primary_unit_id', type: 'uuid' })
  primaryUnitId!: string;

  @Column({ name: 'assisting_unit_ids', type: 'uuid', array: true })
  assistingUnitIds!: string[];

  @Column({ type: 'boolean', default: false })
  territorial!: boolean;

  @Column({ name: 'first_responsible', type: 'boolean', default: false })
  firstResponsible!: boolean;
}
