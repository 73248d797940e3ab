import { z } from 'zod';
import { dayRangeShape, inOrder } from '../common/day-range.schemas';

/** GET /v1/metrics/dispatch-quality: dispatch attempts made within inclusive local days. */
export const DispatchQualityQueryShape = z.object(dayRangeShape).strict();
export const DispatchQualityQuery = inOrder(DispatchQualityQueryShape);
export type DispatchQualityQuery = z.infer<typeof DispatchQualityQuery>;
