import { z } from 'zod';
import { dayRangeShape, inOrder } from '../common/day-range.schemas';

/** GET /v1/province/overview: inclusive local days of receipt (requests, orders) and of raising (alerts). */
export const ProvinceOverviewQueryShape = z.object(dayRangeShape).strict();
export const ProvinceOverviewQuery = inOrder(ProvinceOverviewQueryShape);
export type ProvinceOverviewQuery = z.infer<typeof ProvinceOverviewQuery>;
