import type { RankedSignals } from '@hotline/intake-domain';
import type { CandidateRow } from './duplicates.repository';

/** A candidate as the agent sees it: which request, how alike and why; masked title, no identity. */
export function toCandidateView(r: RankedSignals<CandidateRow>) {
  const c = r.candidate;
  return {
    requestId: c.id,
    number: c.number,
    status: c.status,
    channel: c.channel,
    areaCode: c.areaCode,
    title: c.title,
    receivedAt: c.receivedAt.toISOString(),
    score: r.score,
    reasons: r.reasons,
  };
}
