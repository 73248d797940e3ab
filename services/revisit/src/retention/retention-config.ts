import { z } from 'zod';
import { wholeNumber } from '@hotline/platform';
import { DEFAULT_RETENTION_BATCH_SIZE } from './retention-schedule';

/** revisit's own variables: how many archived requests one retention batch (one transaction) anonymises. */
export const revisitConfigSchema = z.object({
  RETENTION_BATCH_SIZE: wholeNumber(1, 10_000).default(DEFAULT_RETENTION_BATCH_SIZE),
});

export function retentionBatchSize(serviceConfig: Record<string, unknown>): number {
  const size = serviceConfig['RETENTION_BATCH_SIZE'];
  return typeof size === 'number' ? size : DEFAULT_RETENTION_BATCH_SIZE;
}
