import { ANY_AREA, CatalogEntry } from './catalog';

export interface RequestPlace {
  categoryCode: string;
  areaCode: string;
}

/**
 * The catalog entry that places a request: among entries whose prefix starts the request's
 * category and whose area is the request's or ANY_AREA, the longest prefix wins; at equal
 * length an exact area beats ANY_AREA. Undefined when nothing applies (or no category).
 */
export function matchCatalogEntry<E extends CatalogEntry>(entries: readonly E[], place: RequestPlace): E | undefined {
  if (!place.categoryCode) return undefined;
  let best: E | undefined;
  for (const entry of entries) {
    const areaApplies = entry.areaCode === ANY_AREA || (place.areaCode !== '' && entry.areaCode === place.areaCode);
    if (!areaApplies || !place.categoryCode.startsWith(entry.categoryPrefix)) continue;
    if (!best || moreSpecific(entry, best)) best = entry;
  }
  return best;
}

function moreSpecific(a: CatalogEntry, b: CatalogEntry): boolean {
  if (a.categoryPrefix.length !== b.categoryPrefix.length) return a.categoryPrefix.length > b.categoryPrefix.length;
  return a.areaCode !== ANY_AREA && b.areaCode === ANY_AREA;
}
