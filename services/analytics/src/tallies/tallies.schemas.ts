import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { Day, dayRangeShape, inOrder } from '../common/day-range.schemas';

/** GET /v1/event-tallies: inclusive local days and a page. */
export const TalliesQueryShape = z.object({ ...dayRangeShape, ...pageShape }).strict();
export const TalliesQuery = inOrder(TalliesQueryShape);
export type TalliesQuery = z.infer<typeof TalliesQuery>;

const optionalDay = z.union([z.literal(''), Day], { errorMap: () => ({ message: 'a date YYYY-MM-DD, or empty' }) });

/** AnalyticsService.GetEventTallies: the same inclusive days, empty meaning unbounded. */
export const GrpcTalliesRequest = z
  .object({ fromDay: optionalDay, toDay: optionalDay })
  .refine((q) => !q.fromDay || !q.toDay || q.fromDay <= q.toDay, { message: 'must not be before fromDay', path: ['toDay'] })
  .transform((q) => ({ from: q.fromDay || undefined, to: q.toDay || undefined }));
