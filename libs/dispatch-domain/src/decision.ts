import { CatalogEntry } from './catalog';
import { matchCatalogEntry, RequestPlace } from './matching';

export type DispatchDecision<E extends CatalogEntry> =
  | { kind: 'dispatch'; entry: E; catalogVersion: number }
  | { kind: 'queue'; reason: string };

export interface CatalogInForce<E extends CatalogEntry> {
  version: number;
  entries: readonly E[];
}

/** Automatic dispatch by the catalog in force, or the manual queue with the reason why. */
export function decideDispatch<E extends CatalogEntry>(
  catalog: CatalogInForce<E> | undefined,
  place: RequestPlace,
): DispatchDecision<E> {
  if (!place.categoryCode) return { kind: 'queue', reason: 'no content category' };
  const entry = catalog && matchCatalogEntry(catalog.entries, place);
  if (!catalog || !entry)
    return { kind: 'queue', reason: `no catalog entry for category ${place.categoryCode} in area ${place.areaCode || '(none)'}` };
  return { kind: 'dispatch', entry, catalogVersion: catalog.version };
}
