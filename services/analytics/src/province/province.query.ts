import { EntityManager } from 'typeorm';
import { mergeRateRows, rate, RateBasis, RateRow, round4 } from '@hotline/analytics-domain';
import type { DayRange } from '../common/day-range.schemas';
import { loadRateBasis } from '../rate-settings/rate-settings.repository';
import { rollupRateCounts } from '../rollups/rollup-rates.query';
import { rollupVolumes } from '../rollups/volumes.query';

/** The three rates (三率) of a city, each beside what it counts: aggregates only. */
export type CityRates = Pick<
  RateRow,
  'responseRate' | 'signedOnTime' | 'responseDenominator' | 'resolutionRate' | 'resolutionNumerator' | 'revisits' | 'satisfactionRate' | 'satisfactionNumerator' | 'validEvaluations'
>;

export interface CityFigures {
  requests: number;
  workOrders: number;
  overdueWorkOrders: number;
  surgeAlerts: number;
  riskAlerts: number;
  /** The largest surges of the range: key and size only, never a request. */
  hotspots: Array<{ categoryCode: string | null; areaCode: string | null; count: number; severity: string }>;
  /** 响应率, 解决率 and 满意率 of the requests received within the days, as the city's own dashboard computes them. */
  rates: CityRates;
  /** The city's rate settings the rates were computed with. */
  rateBasis: RateBasis;
}

const SHANGHAI_DAY = `(raised_at at time zone 'Asia/Shanghai')::date`;

/**
 * One city's aggregates, read inside that city's own tenant transaction (row-level security
 * holds): counts and keys only, so nothing a province operator receives names a request.
 */
export async function cityFigures(m: EntityManager, tenantId: string, r: DayRange, now: Date = new Date()): Promise<CityFigures> {
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
  const { rates, basis } = await cityRates(m, tenantId, r, now);
  return {
    ...volumes,
    surgeAlerts: Number(alerts?.surge ?? 0),
    riskAlerts: Number(alerts?.risk ?? 0),
    hotspots: hotspots.map((h) => ({ categoryCode: h.category_code, areaCode: h.area_code, count: Number(h.count), severity: h.severity })),
    rates,
    rateBasis: basis,
  };
}

/**
 * The city's 三率 over every request received within the days, with its own rate settings: the
 * rollups by month (what the dashboard's periods read) folded into one row, so the figures are the
 * sums of the city's rows by unit, category or period. Orders are judged at `now`.
 */
async function cityRates(m: EntityManager, tenantId: string, r: DayRange, now: Date): Promise<{ rates: CityRates; basis: RateBasis }> {
  const basis = await loadRateBasis(m, tenantId);
  const sources = await rollupRateCounts(m, 'month', {
    range: r, now, excludeTerminated: basis.excludeTerminated, excludeUnreasonableEvaluations: basis.excludeUnreasonableEvaluations,
  });
  const whole = <T extends { key: string | null }>(rows: readonly T[]) => rows.map((row) => ({ ...row, key: 'city' }));
  const [row] = mergeRateRows('month', { orders: whole(sources.orders), revisits: whole(sources.revisits), completions: whole(sources.completions ?? []) }, { weights: basis });
  return { rates: ratesOf(row), basis };
}

/** The three rates of a row (none: nothing counted, every rate null). */
export function ratesOf(row: RateRow | undefined): CityRates {
  return {
    responseRate: row?.responseRate ?? null,
    signedOnTime: row?.signedOnTime ?? 0,
    responseDenominator: row?.responseDenominator ?? 0,
    resolutionRate: row?.resolutionRate ?? null,
    resolutionNumerator: row?.resolutionNumerator ?? 0,
    revisits: row?.revisits ?? 0,
    satisfactionRate: row?.satisfactionRate ?? null,
    satisfactionNumerator: row?.satisfactionNumerator ?? 0,
    validEvaluations: row?.validEvaluations ?? 0,
  };
}

/** The province's three rates: the cities' numerators summed over their denominators summed. */
export function provinceRates(cities: readonly CityRates[]): CityRates {
  const sum = (f: (c: CityRates) => number) => round4(cities.reduce((n, c) => n + f(c), 0));
  const signedOnTime = sum((c) => c.signedOnTime);
  const responseDenominator = sum((c) => c.responseDenominator);
  const resolutionNumerator = sum((c) => c.resolutionNumerator);
  const revisits = sum((c) => c.revisits);
  const satisfactionNumerator = sum((c) => c.satisfactionNumerator);
  const validEvaluations = sum((c) => c.validEvaluations);
  return {
    responseRate: rate(signedOnTime, responseDenominator), signedOnTime, responseDenominator,
    resolutionRate: rate(resolutionNumerator, revisits), resolutionNumerator, revisits,
    satisfactionRate: rate(satisfactionNumerator, validEvaluations), satisfactionNumerator, validEvaluations,
  };
}
