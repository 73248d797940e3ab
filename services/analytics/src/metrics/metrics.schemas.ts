import { z } from 'zod';
import { RATE_GROUPINGS } from '@hotline/analytics-domain';
import { pageShape } from '@hotline/platform';
import { dayRangeShape, inOrder } from '../common/day-range.schemas';

/** GET /v1/metrics/statuses: requests received within inclusive local days. */
export const StatusesQueryShape = z.object(dayRangeShape).strict();
export const StatusesQuery = inOrder(StatusesQueryShape);
export type StatusesQuery = z.infer<typeof StatusesQuery>;

/** GET /v1/metrics/rates: one row per unit, category or receipt day, a page of them. */
export const RatesQueryShape = z.object({ groupBy: z.enum(RATE_GROUPINGS), ...dayRangeShape, ...pageShape }).strict();
export const RatesQuery = inOrder(RatesQueryShape);
export type RatesQuery = z.infer<typeof RatesQuery>;
