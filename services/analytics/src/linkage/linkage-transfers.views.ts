import { rate } from '@hotline/analytics-domain';
import type { DeclineRow, TransferGroupRow } from './linkage-transfers.repository';
import type { LinkageTransfersQuery } from './linkage-transfers.schemas';

function outcomes(g: TransferGroupRow) {
  const decided = g.accepted + g.declined + g.expired;
  return {
    transfers: g.transfers,
    pending: g.pending,
    accepted: g.accepted,
    declined: g.declined,
    expired: g.expired,
    decided,
    acceptanceRate: rate(g.accepted, decided),
    secondsToAcceptance: { p50: g.acceptP50, p90: g.acceptP90, max: g.acceptMax },
  };
}

/**
 * GET /v1/metrics/linkage-transfers: per direction, then per direction × counterpart × method,
 * the transfers by outcome, the acceptance rate over the decided ones (null when none is
 * decided), the time from offer to acceptance, and the reasons of the declined ones.
 */
export function linkageTransfersView(q: LinkageTransfersQuery, groups: readonly TransferGroupRow[], declines: readonly DeclineRow[]) {
  const reasonsOf = (direction: string, counterpart?: string | null, method?: string | null) => {
    const counts = new Map<string, number>();
    for (const d of declines)
      if (d.direction === direction && (counterpart == null || d.counterpart === counterpart) && (method == null || d.method === method))
        counts.set(d.reason, (counts.get(d.reason) ?? 0) + d.count);
    return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  };
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    directions: groups
      .filter((g) => g.counterpart === null)
      .map((g) => ({ direction: g.direction, ...outcomes(g), declineReasons: reasonsOf(g.direction) })),
    items: groups
      .filter((g) => g.counterpart !== null)
      .map((g) => ({
        direction: g.direction,
        counterpart: g.counterpart,
        method: g.method,
        ...outcomes(g),
        declineReasons: reasonsOf(g.direction, g.counterpart, g.method),
      })),
  };
}
