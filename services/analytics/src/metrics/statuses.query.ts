import { StatusCount, statusCounts } from '@hotline/analytics-domain';
import type { TenantDb } from '@hotline/platform';
import { requestsByStatus } from './metrics.repository';
import type { StatusesQuery } from './metrics.schemas';

export interface StatusFigures {
  /** Every request status of the vocabulary, in lifecycle order. */
  items: StatusCount[];
  directAnswers: number;
}

/** Requests received within the days by current status, and the direct answers among them. */
export function statusFigures(db: TenantDb, tenantId: string, q: StatusesQuery): Promise<StatusFigures> {
  return db.run(tenantId, async (m) => {
    const { counts, directAnswers } = await requestsByStatus(m, { from: q.from, to: q.to });
    return { items: statusCounts(counts), directAnswers };
  });
}
