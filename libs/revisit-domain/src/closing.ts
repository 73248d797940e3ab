import {
  Resolution,
  RevisitMethod,
  RevisitOutcome,
  RevisitRespondent,
  RevisitSkipReason,
  REVISIT_SKIP_REASON_LABELS,
  Satisfaction,
  systemActor,
} from '@hotline/vocabulary';
import type { ArchivedClosure, ArchivedEarlierEvaluation, ArchivedJudgement, ArchivedRevisit } from './archive-record';
import type { RequesterTrace } from './case-file';
import type { ProgressStatus } from './review';

/** A revisit as recorded by an agent or reviewer, or by the system as the tenant's default. */
export interface Evaluation {
  method: RevisitMethod;
  resolution: Resolution;
  satisfaction: Satisfaction;
  respondent: RevisitRespondent | null;
  defaulted: boolean;
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

/** 解决 is resolved; 部分解决 and 未解决 are not (the boolean RevisitRecorded and RequestClosed carry). */
export function isResolved(resolution: Resolution): boolean {
  return resolution === 'resolved';
}

/** The resolution of an input that gave only the earlier boolean. */
export function resolutionOf(resolved: boolean): Resolution {
  return resolved ? 'resolved' : 'unresolved';
}

/**
 * 不满意 or 未解决 does not close the request: a reviewer first judges whether the complaint is
 * reasonable (合理差评 → 重办, Guangzhou 2018 细则, domain.md §9.1). 部分解决 with a satisfied
 * requester closes.
 */
export function needsJudgement(e: Pick<Evaluation, 'resolution' | 'satisfaction'>): boolean {
  return e.satisfaction === 'dissatisfied' || e.resolution === 'unresolved';
}

/** What the closing rule (§11.2) knows about a request whose primary answer passed review. */
export interface ClosingState {
  /** The tenant revisits it: named requester and drawn by the sampling. */
  revisitRequired: boolean;
  evaluation: Pick<Evaluation, 'resolution' | 'satisfaction'> | null;
  /** The evaluation's judgement, when it needed one. */
  judgement: ArchivedJudgement['judgement'] | null;
  attemptsExhausted: boolean;
}

/** Why a reviewed request may close now, or null while it may not. */
export type ClosingBasis = 'no-revisit' | 'evaluated' | 'judged-unreasonable' | 'attempts-exhausted';

/**
 * The closing rule: with review passed, a request closes when its type needs no revisit, or an
 * evaluation stands (one that needs no judgement, or one judged unreasonable), or its attempts
 * are exhausted. An evaluation judged reasonable is sent back for 重办 and never closes it: the
 * next evaluation does. The orders not yet finished are cancelled as it closes (lifecycle.md, co-handling).
 */
export function closingBasis(s: ClosingState): ClosingBasis | null {
  if (!s.revisitRequired) return 'no-revisit';
  if (s.evaluation) {
    if (!needsJudgement(s.evaluation)) return 'evaluated';
    return s.judgement === 'unreasonable' ? 'judged-unreasonable' : null;
  }
  return s.attemptsExhausted ? 'attempts-exhausted' : null;
}

/**
 * Closes on an evaluation that stands. The one who recorded it closed it, or, for an evaluation
 * judged unreasonable, the reviewer who judged it, with the judgement kept. Evaluations sent back
 * for 重办 before it are kept beside it; only this one counts.
 */
export function closeAfterEvaluation(e: Evaluation, judged: ArchivedJudgement | null = null, earlier: ArchivedEarlierEvaluation[] = []): RevisitClosure {
  const resolved = isResolved(e.resolution);
  const { method, satisfaction, recordedAt, recordedBy, resolution, respondent, defaulted } = e;
  return {
    outcome: 'evaluated',
    closedAt: judged?.judgedAt ?? e.recordedAt,
    closedBy: judged?.judgedBy ?? e.recordedBy,
    resolved,
    satisfaction,
    skipReason: null,
    revisit: {
      outcome: 'evaluated',
      method, resolved, satisfaction, recordedAt, recordedBy, resolution, respondent, defaulted,
      ...(judged ? { judgement: judged } : {}),
      ...(earlier.length > 0 ? { earlier } : {}),
    },
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
