import { areaAndAncestors, canonicalArea } from '@hotline/vocabulary';
import { ANY_AREA, CatalogEntry } from './catalog';
import { categoryLineage, RequestCategory } from './categories';

/** Where a request belongs: its category (with the path above it) and its area. */
export interface RequestPlace extends RequestCategory {
  areaCode: string;
}

const nearestFirst = (codes: readonly string[]) => new Map(codes.map((code, depth) => [code, depth]));

/**
 * The catalog entry that places a request. An entry applies when its category is the request's
 * or one above it, and its area is the request's, one above it (community → street → district
 * → city → province), or `*`. Among those the deepest category wins, then the deepest area,
 * `*` last. Undefined when nothing applies (or the request has no category).
 */
export function matchCatalogEntry<E extends CatalogEntry>(entries: readonly E[], place: RequestPlace): E | undefined {
  const categoryDistance = nearestFirst(categoryLineage(place));
  const areas = place.areaCode ? areaAndAncestors(place.areaCode) : [];
  const areaDistance = nearestFirst(areas);
  let best: { entry: E; category: number; area: number } | undefined;
  for (const entry of entries) {
    const category = categoryDistance.get(entry.categoryCode);
    const area = entry.areaCode === ANY_AREA ? areas.length : areaDistance.get(canonicalArea(entry.areaCode));
    if (category === undefined || area === undefined) continue;
    if (!best || category < best.category || (category === best.category && area < best.area)) best = { entry, category, area };
  }
  return best?.entry;
}
