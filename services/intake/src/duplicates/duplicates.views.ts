import type { RankedSignals } from '@hotline/intake-domain';
import { toTerminationMarkView } from '../terminations/terminated-matches';
import type { CandidateRow } from './duplicates.repository';

/** A candidate as the agent sees it: which request, how alike and why, and what terminated it if it was; masked title, no identity. */
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
    termination: c.termination ? toTerminationMarkView(c.termination) : null,
  };
}
