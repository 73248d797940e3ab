import { EntityManager } from 'typeorm';
import type { DayRange } from '../common/day-range.schemas';
import { rollupVolumes } from '../rollups/volumes.query';

export interface CityFigures {
  requests: number;
  workOrders: number;
  overdueWorkOrders: number;
  surgeAlerts: number;
  riskAlerts: number;
  /** The largest surges of the range: key and size only, never a request. */
  hotspots: Array<{ categoryCode: string | null; areaCode: string | null; count: number; severity: string }>;
}

const SHANGHAI_DAY = `(raised_at at time zone 'Asia/Shanghai')::date`;

/**
 * One city's aggregates, read inside that city's own tenant transaction (row-level security
 * holds): counts and keys only, so nothing a province operator receives names a request.
 */
export async function cityFigures(m: EntityManager, tenantId: string, r: DayRange): Promise<CityFigures> {
  const range = [tenantId, r.from ?? null, r.to ?? null];
  // Requests and orders from the rollups (issue 17): the same counts as the facts give, without reading them.
  const volumes = await rollupVolumes(m, r);
  const [alerts]: Array<{ surge: string; risk: string }> = await m.query(
    `select count(*) filter (where kind = 'surge') as surge, count(*) filter (where kind = 'risk') as risk from alerts
      where tenant_id = $1 and ($2::date is null or ${SHANGHAI_DAY} >= $2) and ($3::date is null or ${SHANGHAI_DAY} <= $3)`,
    range,
  );
  const hotspots: Array<{ category_code: string | null; area_code: string | null; count: number; severity: string }> = await m.query(
    `select category_code, area_code, count, severity from alerts
      where tenant_id = $1 and kind = 'surge' and ($2::date is null or ${SHANGHAI_DAY} >= $2) and ($3::date is null or ${SHANGHAI_DAY} <= $3)
      order by count desc, raised_at desc limit 5`,
    range,
  );
  return {
    ...volumes,
    surgeAlerts: Number(alerts?.surge ?? 0),
    riskAlerts: Number(alerts?.risk ?? 0),
    hotspots: hotspots.map((h) => ({ categoryCode: h.category_code, areaCode: h.area_code, count: Number(h.count), severity: h.severity })),
  };
}
