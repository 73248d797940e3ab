import {
  ClosingBasisCode,
  FollowUpReason,
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
  /** Null (未评价) for the hotline's own check of an anonymous request (respondent `hotline`): nobody was asked. */
  satisfaction: Satisfaction | null;
  respondent: RevisitRespondent | null;
  defaulted: boolean;
  recordedAt: string;
  recordedBy: string;
  /** What the hotline found when it checked the matter itself (masked); absent otherwise. */
  note?: string | null;
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
  /** Why it closed (RequestClosed.closing_basis). */
  basis: ClosingBasis;
  /** The 持续跟踪 it closed into, for basis `follow-up`. */
  followUp?: ArchivedFollowUp;
}

/** The 持续跟踪 a request closed into, as its archived closure keeps it (the note masked). */
export type ArchivedFollowUp = { followUpId: string; reason: FollowUpReason; followUpOn: string; note: string };

/**
 * An approved 诉求终结 (intake's RequestTerminated), as revisit keeps it and the archive records
 * it (domain.md §11.3): the reason code, the evidence (earlier requests' numbers, a hearing
 * record), the legal route the requester was told, and the two people of the two-person rule.
 * Free text masked.
 */
export type Termination = {
  terminationId: string;
  /** Vocabulary TERMINATION_REASONS; kept as sent, so a code of a later release is archived too. */
  reasonCode: string;
  evidenceRequestNumbers: string[];
  /** A hearing record or other evidence reference; null when none. */
  hearingRecord: string | null;
  legalRoute: string;
  proposedBy: string;
  approvedBy: string;
  terminatedAt: string;
};

/**
 * The termination as an archived closure holds it. The legal route is not repeated here: it is
 * the closure's `detail` (what the requester was told, as for a closure at intake), so the
 * archive's masking and retention's anonymisation of free text apply to it as they are.
 */
export type ArchivedTermination = Omit<Termination, 'legalRoute'>;

/**
 * The closure of an archive record with what a closure of its kind adds: the follow-up it closed
 * into, or the termination that closed it. Ordinary closures add nothing, so their records are
 * as before.
 */
export type ClosureRecord = ArchivedClosure & { followUp?: ArchivedFollowUp; termination?: ArchivedTermination };

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
  /** An approved 诉求终结 arrived from intake: it closes the request whatever stage it is at. */
  terminated?: boolean;
}

/** Why a request may close now (vocabulary CLOSING_BASES), or null while it may not. */
export type ClosingBasis = ClosingBasisCode;

/**
 * The closing rule: with review passed, a request closes when its type needs no revisit, or an
 * evaluation stands (one that needs no judgement, or one judged unreasonable), or its attempts
 * are exhausted. An evaluation judged reasonable is sent back for 重办 and never closes it: the
 * next evaluation does; one judged `follow-up` (持续跟踪: cannot be solved now) closes it into a
 * follow-up. An approved termination (诉求终结) closes it at any stage, before all of these.
 * The orders not yet finished are cancelled as it closes (lifecycle.md, co-handling).
 */
export function closingBasis(s: ClosingState): ClosingBasis | null {
  if (s.terminated) return 'terminated';
  if (!s.revisitRequired) return 'no-revisit';
  if (s.evaluation) {
    if (!needsJudgement(s.evaluation)) return 'evaluated';
    if (s.judgement === 'unreasonable') return 'judged-unreasonable';
    return s.judgement === 'follow-up' ? 'follow-up' : null;
  }
  return s.attemptsExhausted ? 'attempts-exhausted' : null;
}

/** The basis of a closure on an evaluation that stands, given its judgement (if it needed one). */
function evaluatedBasis(judged: ArchivedJudgement | null): ClosingBasis {
  if (judged?.judgement === 'follow-up') return 'follow-up';
  return judged?.judgement === 'unreasonable' ? 'judged-unreasonable' : 'evaluated';
}

/** The basis of a closure without an evaluation, by why the revisit was skipped. */
export function skippedBasis(reason: RevisitSkipReason): ClosingBasis {
  if (reason === 'attempts-exhausted') return 'attempts-exhausted';
  return reason === 'follow-up' ? 'follow-up' : 'no-revisit';
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
    satisfaction: satisfaction ?? '',
    skipReason: null,
    basis: evaluatedBasis(judged),
    revisit: {
      outcome: 'evaluated',
      method, resolved, satisfaction, recordedAt, recordedBy, resolution, respondent, defaulted,
      ...(e.note ? { note: e.note } : {}),
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
    basis: skippedBasis(reason),
    revisit: { outcome: 'skipped', reason, skippedAt },
  };
}

/**
 * A closure into 持续跟踪: the closure on the judged evaluation (judgement `follow-up`) or on the
 * skipped revisit (reason `follow-up`), with the follow-up it opens; the reviewer who decided it
 * closed it.
 */
export function closeIntoFollowUp(closure: RevisitClosure, followUp: ArchivedFollowUp, by: string): RevisitClosure {
  return { ...closure, closedBy: by, basis: 'follow-up', followUp: { ...followUp } };
}

export function archivedClosureOf(closure: RevisitClosure): ClosureRecord {
  return {
    closedAt: closure.closedAt,
    closedBy: closure.closedBy,
    outcome: closure.outcome,
    detail: null,
    ...(closure.followUp ? { followUp: { ...closure.followUp } } : {}),
  };
}

/**
 * The archived closure of a terminated request: closed when the termination was approved, by its
 * approver (the second person of the two-person rule), outcome `terminated`, the legal route the
 * requester was told as its detail, and the termination.
 */
export function terminatedClosure(t: Termination): ClosureRecord {
  const { legalRoute, ...termination } = t;
  return {
    closedAt: t.terminatedAt,
    closedBy: t.approvedBy,
    outcome: 'terminated',
    detail: legalRoute,
    termination: { ...termination, evidenceRequestNumbers: [...t.evidenceRequestNumbers] },
  };
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
