import { EntityManager } from 'typeorm';
import type { KnownTaxonomy } from '@hotline/dispatch-domain';
import { KnownTaxonomyEntity } from './known-taxonomy.entity';

/** The tenant's latest taxonomy known to dispatch (RLS scopes the read to the transaction's tenant). */
export async function latestKnownTaxonomy(manager: EntityManager): Promise<KnownTaxonomy | undefined> {
  const found = await manager.getRepository(KnownTaxonomyEntity).findOne({ where: {} });
  return found ? { version: found.version, codes: new Set(found.codes) } : undefined;
}

/**
 * Keeps a taxonomy version if it is newer than the one known: a redelivered or late older
 * version never replaces a newer one.
 */
export async function keepIfNewer(manager: EntityManager, tenantId: string, version: number, codes: readonly string[]): Promise<void> {
  await manager.query(
    `insert into known_taxonomies (tenant_id, version, codes, received_at) values ($1, $2, $3, now())
     on conflict (tenant_id) do update set version = excluded.version, codes = excluded.codes, received_at = excluded.received_at
      where known_taxonomies.version < excluded.version`,
    [tenantId, version, codes],
  );
}
