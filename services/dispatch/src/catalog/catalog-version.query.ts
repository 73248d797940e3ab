import { EntityManager } from 'typeorm';
import { latestKnownTaxonomy } from '../taxonomy/known-taxonomy.repository';
import { entriesOf, findCatalogVersion } from './catalog.repository';
import { CatalogView, toCatalogView } from './catalog.views';

/**
 * A published version with its entries, each marked against the latest known taxonomy; the
 * newest (the one in force) when `version` is omitted.
 */
export async function catalogVersion(manager: EntityManager, version?: number): Promise<CatalogView | undefined> {
  const found = await findCatalogVersion(manager, version);
  if (!found) return undefined;
  return toCatalogView(found, await entriesOf(manager, found.version), await latestKnownTaxonomy(manager));
}
