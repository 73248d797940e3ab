/**
 * Where a year's holiday data comes from, in precedence order: shipped with the platform
 * (libs/calendar), loaded province-wide by the province operator (national data applies to every
 * tenant), or loaded by a tenant for itself while neither has it.
 */
import type { YearHolidayData } from '@hotline/calendar';

export const YEAR_SOURCES = ['shipped', 'province', 'tenant'] as const;
export type YearSource = (typeof YEAR_SOURCES)[number];

export interface SourcedYear {
  source: YearSource;
  data: YearHolidayData;
  loadedAt?: Date;
  loadedBy?: string;
}

/** One entry per year, the highest source winning, ascending by year. */
export function resolveYears(candidates: readonly SourcedYear[]): SourcedYear[] {
  const rank = (s: YearSource) => YEAR_SOURCES.indexOf(s);
  const byYear = new Map<number, SourcedYear>();
  for (const c of candidates) {
    const held = byYear.get(c.data.year);
    if (!held || rank(c.source) < rank(held.source)) byYear.set(c.data.year, c);
  }
  return [...byYear.values()].sort((a, b) => a.data.year - b.data.year);
}

/** The source above `loader` that already knows `year` (a load there is a conflict), if any. */
export function higherSourceFor(year: number, loader: YearSource, candidates: readonly SourcedYear[]): SourcedYear | undefined {
  const rank = YEAR_SOURCES.indexOf(loader);
  return resolveYears(candidates.filter((c) => YEAR_SOURCES.indexOf(c.source) < rank)).find((c) => c.data.year === year);
}
