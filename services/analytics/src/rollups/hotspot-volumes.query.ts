import { EntityManager } from 'typeorm';
import type { DayRange } from '../common/day-range.schemas';
import { inDays } from './rollup-keys';
import { rollupRows } from './rollup-rates.query';

export interface HotspotVolume {
  categoryCode: string | null;
  areaCode: string | null;
  requests: number;
}

/** The hotspot view: the category × area keys with the most requests received within the days, from the rollups. */
export async function rollupHotspots(m: EntityManager, range: DayRange, limit = 20): Promise<HotspotVolume[]> {
  return m.query(
    `select r.key1 as "categoryCode", r.key2 as "areaCode", sum(r.requests)::int as requests
     from ${rollupRows('key1, key2, requests')}
     group by r.key1, r.key2 having sum(r.requests) > 0
     order by requests desc, r.key1 nulls last, r.key2 nulls last limit $4`,
    [range.from ?? null, range.to ?? null, 'category-area', limit],
  );
}

/** The reference: the same view counted from the request facts. */
export async function factHotspots(m: EntityManager, range: DayRange, limit = 20): Promise<HotspotVolume[]> {
  return m.query(
    `select category_code as "categoryCode", area_code as "areaCode", count(*)::int as requests
     from request_facts where ${inDays('day')}
     group by category_code, area_code
     order by requests desc, category_code nulls last, area_code nulls last limit $3`,
    [range.from ?? null, range.to ?? null, limit],
  );
}
