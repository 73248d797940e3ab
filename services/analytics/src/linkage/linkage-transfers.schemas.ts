import { z } from 'zod';
import { dayRangeShape, inOrder } from '../common/day-range.schemas';

/** GET /v1/metrics/linkage-transfers: transfers offered within inclusive local days. */
export const LinkageTransfersQueryShape = z.object(dayRangeShape).strict();
export const LinkageTransfersQuery = inOrder(LinkageTransfersQueryShape);
export type LinkageTransfersQuery = z.infer<typeof LinkageTransfersQuery>;
