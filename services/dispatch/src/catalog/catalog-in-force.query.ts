import { EntityManager } from 'typeorm';
import { CatalogEntry, CatalogInForce, categoryLineage, RequestPlace } from '@hotline/dispatch-domain';
import { entriesForCategories, latestCatalogVersion } from './catalog.repository';

/**
 * The catalog in force, narrowed to the entries of the request's category and the categories
 * above it (the domain matcher then chooses by area). Undefined when the tenant has published none.
 */
export async function catalogInForceFor(manager: EntityManager, place: RequestPlace): Promise<CatalogInForce<CatalogEntry> | undefined> {
  const version = await latestCatalogVersion(manager);
  if (version === undefined) return undefined;
  return { version, entries: await entriesForCategories(manager, version, categoryLineage(place)) };
}
