import {
  RevisitMethod,
  RevisitOutcome,
  RevisitSkipReason,
  REVISIT_SKIP_REASON_LABELS,
  Satisfaction,
  systemActor,
} from '@hotline/vocabulary';
import type { ArchivedClosure, ArchivedRevisit } from './archive-record';
import type { RequesterTrace } from './case-file';
import type { ProgressStatus } from './review';

/** A revisit as recorded by an agent or reviewer. */
export interface Evaluation {
  method: RevisitMethod;
  resolved: boolean;
  satisfaction: Satisfaction;
  recordedAt: string;
  recordedBy: string;
}

/** How revisit closes a request (办结): what RequestClosed says and what the archive keeps. */
export interface RevisitClosure {
  outcome: RevisitOutcome;
  closedAt: string;
  closedBy: string;
  /** From the evaluation; false and empty when the revisit was skipped (proto RequestClosed). */
  resolved: boolean;
  satisfaction: Satisfaction | '';
  skipReason: RevisitSkipReason | null;
  revisit: ArchivedRevisit;
}

/**
 * Every recorded revisit closes the request, whatever the evaluation: 重办 after a dissatisfied
 * evaluation judged reasonable is a later issue. The one who recorded it closed it.
 */
export function closeAfterEvaluation(e: Evaluation): RevisitClosure {
  return {
    outcome: 'evaluated',
    closedAt: e.recordedAt,
    closedBy: e.recordedBy,
    resolved: e.resolved,
    satisfaction: e.satisfaction,
    skipReason: null,
    revisit: { outcome: 'evaluated', ...e },
  };
}

/** A skipped revisit closes the request by rule, so revisit itself is the actor; nothing is evaluated. */
export function closeAfterSkip(reason: RevisitSkipReason, skippedAt: string): RevisitClosure {
  return {
    outcome: 'skipped',
    closedAt: skippedAt,
    closedBy: systemActor('revisit'),
    resolved: false,
    satisfaction: '',
    skipReason: reason,
    revisit: { outcome: 'skipped', reason, skippedAt },
  };
}

export function archivedClosureOf(closure: RevisitClosure): ArchivedClosure {
  return { closedAt: closure.closedAt, closedBy: closure.closedBy, outcome: closure.outcome, detail: null };
}

/**
 * Why a request's revisit is skipped once its primary answer passed review, if it is: an
 * anonymous requester left nobody to contact (Bengbu's rule has the hotline itself check such
 * orders, domain.md §8.3; here the review is that check). An unknown requester is not skipped.
 */
export function skipReasonFor(requester: RequesterTrace | null): RevisitSkipReason | null {
  return requester?.anonymous ? 'anonymous-requester' : null;
}

/** Why a revisit cannot be recorded for a request (a 409), or undefined when it can. */
export function revisitRefusal(
  requestId: string,
  progress: { status: ProgressStatus; skipReason: RevisitSkipReason | null },
  requester: RequesterTrace | null,
): string | undefined {
  const skipped = progress.skipReason ?? skipReasonFor(requester);
  if (skipped) return `request ${requestId} is not revisited: ${REVISIT_SKIP_REASON_LABELS[skipped].en} (${skipped})`;
  if (progress.status !== 'awaiting-revisit') return `request ${requestId} is ${progress.status}, not awaiting revisit`;
  return undefined;
}
