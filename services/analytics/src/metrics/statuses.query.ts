import { StatusCount, statusCounts, TerminationReasonCount, terminationReasonCounts } from '@hotline/analytics-domain';
import type { TenantDb } from '@hotline/platform';
import { requestsByStatus, terminationsByReason } from './metrics.repository';
import type { StatusesQuery } from './metrics.schemas';

export interface StatusFigures {
  /** Every request status of the vocabulary, in lifecycle order. */
  items: StatusCount[];
  directAnswers: number;
  /** Requests terminated (诉求终结), whatever their status since, and by reason. */
  terminated: number;
  terminationReasons: TerminationReasonCount[];
}

/** Requests received within the days by current status, the direct answers and the terminations among them. */
export function statusFigures(db: TenantDb, tenantId: string, q: StatusesQuery): Promise<StatusFigures> {
  return db.read(tenantId, async (m) => {
    const range = { from: q.from, to: q.to };
    const { counts, directAnswers } = await requestsByStatus(m, range);
    const terminations = await terminationsByReason(m, range);
    return {
      items: statusCounts(counts),
      directAnswers,
      terminated: terminations.reduce((sum, t) => sum + t.count, 0),
      terminationReasons: terminationReasonCounts(terminations),
    };
  });
}
