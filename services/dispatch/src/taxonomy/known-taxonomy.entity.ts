import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant's latest content taxonomy as intake announced it (TaxonomyPublished): version and codes. */
@Entity({ name: 'known_taxonomies' })
export class KnownTaxonomyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text', array: true })
  codes!: string[];

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
