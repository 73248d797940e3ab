import type { RateGrouping } from '@hotline/analytics-domain';

/** The receipt days ($1, $2; either may be null) a rollup or fact read is limited to. */
export const inDays = (column: string) => `($1::date is null or ${column} >= $1::date) and ($2::date is null or ${column} <= $2::date)`;

// Period keys of a receipt day, as the reference rates spell them: the day, its ISO week, its month.
export const periodKeys = (day: string) => ({
  day: `to_char(${day}, 'YYYY-MM-DD')`,
  week: `to_char(${day}, 'IYYY-"W"IW')`,
  month: `to_char(${day}, 'YYYY-MM')`,
});

/** The rollup dimension a grouping reads: periods are sums of the days' totals. */
export const DIMENSION_OF: Record<RateGrouping, string> = {
  unit: 'unit',
  category: 'category',
  area: 'area',
  day: 'total',
  week: 'total',
  month: 'total',
};

/** A rollup row's grouping key. */
export const ROLLUP_KEY_OF: Record<RateGrouping, string> = { unit: 'r.key1', category: 'r.key1', area: 'r.key1', ...periodKeys('r.day') };

/** A work order's grouping key (the reference rates'). */
export const ORDER_KEY_OF: Record<RateGrouping, string> = { unit: 'o.unit_id', category: 'o.category_code', area: 'o.area_code', ...periodKeys('o.day') };

/** A completion's grouping key, over its per-request row p. */
export const COMPLETION_KEY_OF: Record<RateGrouping, string> = { unit: 'p.unit_id', category: 'p.category_code', area: 'p.area_code', ...periodKeys('p.day') };
