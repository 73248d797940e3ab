import { z } from 'zod';
import { pageShape, wholeNumber } from '@hotline/platform';

/** GET /v1/clusters: hottest first; clusters of at least minRequests requests (2 by default). */
export const ListClustersQuery = z.object({ minRequests: wholeNumber(1, 1_000_000).default(2), ...pageShape }).strict();
export type ListClustersQuery = z.infer<typeof ListClustersQuery>;

export const ClusterIdParams = z.object({ clusterId: z.string().uuid() });
