import { z } from 'zod';
import { UNKNOWN_KEY } from '@hotline/analytics-domain';
import { pageShape } from '@hotline/platform';
import { DRILL_DOWN_OUTCOMES, DRILL_DOWN_RATES } from '@hotline/vocabulary';
import { dayRangeShape, inOrder } from '../common/day-range.schemas';

// A cell's key as the rates row spells it: a unit id, a category or an area code, or UNKNOWN_KEY
// for facts that have none (yet).
const key = (what: string) =>
  z.string().min(1).max(128).describe(`The ${what} of the cell, as /v1/metrics/rates keys it; ${UNKNOWN_KEY} for facts without one`).optional();

/**
 * GET /v1/metrics/rates/requests: the facts behind one cell of a rate, a page of them. A cell is
 * any combination of unit, category and area within the receipt days (a day, week or month
 * cell is its days as from..to).
 */
export const RateRequestsQueryShape = z
  .object({
    rate: z.enum(DRILL_DOWN_RATES).describe('response (响应率, work orders), resolution (解决率) or satisfaction (满意率, each request’s latest revisit)'),
    outcome: z.enum(DRILL_DOWN_OUTCOMES).default('denominator').describe('numerator, denominator (default) or excluded: the cell’s facts its denominator leaves out'),
    unit: key('unit id'),
    category: key('category code'),
    area: key('area (division) code'),
    ...dayRangeShape,
    ...pageShape,
  })
  .strict();
export const RateRequestsQuery = inOrder(RateRequestsQueryShape);
export type RateRequestsQuery = z.infer<typeof RateRequestsQuery>;
