// What analytics keeps of each lifecycle event: pure mappings from payloads to the facts the
// repositories store. An event without the ids or codes its fact needs is refused (thrown), so
// the consumer retries it and finally records it in dead_letters for a human, never guessing.
import type { commonV1, handlingEventsV1, intakeEventsV1, revisitEventsV1 } from '@hotline/contracts';
import { instantOrNull, receiptDay } from '@hotline/analytics-domain';
import {
  AssignmentRole,
  canonicalArea,
  Clock,
  EVALUATION_JUDGEMENTS,
  EvaluationJudgement,
  isClock,
  isRequestStatus,
  isResolution,
  isSatisfaction,
  isScopeDecision,
  isTerminationReason,
  oneOf,
  Resolution,
  REVISIT_OUTCOMES,
  REVISIT_RESPONDENTS,
  RequestStatus,
  RequestType,
  RevisitOutcome,
  RevisitRespondent,
  Satisfaction,
  ScopeDecision,
  TerminationReason,
  toAssignmentRole,
  toRequestType,
  toUrgency,
  Urgency,
} from '@hotline/vocabulary';

export class UnusableEventError extends Error {}

const isRevisitOutcome = oneOf(REVISIT_OUTCOMES);
const isRespondent = oneOf(REVISIT_RESPONDENTS);
const isJudgement = oneOf(EVALUATION_JUDGEMENTS);

function required(value: string | undefined, field: string): string {
  if (!value) throw new UnusableEventError(`${field} is empty`);
  return value;
}

const textOrNull = (value: string | undefined): string | null => value || null;

/** The event's own instant, or when JetStream stored it if the producer left it empty. */
const instant = (value: string | undefined, publishedAt: Date): Date => instantOrNull(value) ?? publishedAt;

export interface StatusChange {
  requestId: string;
  status: RequestStatus;
  at: Date;
  sequence: number;
}

export function statusChangeOf(e: intakeEventsV1.RequestStatusChanged, publishedAt: Date): StatusChange {
  const requestId = required(e.requestId, 'request_id');
  if (!isRequestStatus(e.toStatus)) throw new UnusableEventError(`to_status "${e.toStatus}" is not a request status`);
  const sequence = Number(e.sequence);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new UnusableEventError(`sequence "${e.sequence}" is not 1, 2, 3…`);
  return { requestId, status: e.toStatus, at: instant(e.at, publishedAt), sequence };
}

/** A request's attributes, from the brief intake publishes; requester identity is never kept. */
export interface RequestAttributes {
  requestId: string;
  /** The number (流水号) intake gave it: what a drill-down lists it by. */
  number: string | null;
  receivedAt: Date | null;
  /** Local receipt day in the tenant's time zone (tenant_settings; Asia/Shanghai until known). */
  day: string | null;
  requestType: RequestType | null;
  urgency: Urgency | null;
  categoryCode: string | null;
  /** Canonical division code (`320100` → `3201`), so spellings of one area group together. */
  areaCode: string | null;
  channel: string | null;
  anonymous: boolean;
}

export function requestAttributesOf(brief: commonV1.RequestBrief | undefined, timeZone?: string): RequestAttributes {
  if (!brief?.requestId) throw new UnusableEventError('request.request_id is empty');
  const day = receiptDay(brief.receivedAt, timeZone);
  return {
    requestId: brief.requestId,
    number: textOrNull(brief.number),
    receivedAt: day ? instantOrNull(brief.receivedAt) : null,
    day,
    requestType: brief.requestType ? toRequestType(brief.requestType) : null,
    urgency: brief.urgency ? toUrgency(brief.urgency) : null,
    categoryCode: textOrNull(brief.categoryCode),
    areaCode: brief.areaCode ? canonicalArea(brief.areaCode) : null,
    channel: textOrNull(brief.channel),
    anonymous: brief.anonymous,
  };
}

export interface IntakeClosure {
  requestId: string;
  /** direct-answer (直接办理) or one of the four out-of-scope outcomes. */
  outcome: ScopeDecision;
  closedAt: Date;
}

export function intakeClosureOf(e: intakeEventsV1.RequestClosedAtIntake, publishedAt: Date): IntakeClosure {
  const requestId = required(e.request?.requestId, 'request.request_id');
  if (!isScopeDecision(e.outcome) || e.outcome === 'in-scope')
    throw new UnusableEventError(`outcome "${e.outcome}" is not a closure at intake`);
  return { requestId, outcome: e.outcome, closedAt: instant(e.closedAt, publishedAt) };
}

/** What every work-order event says about the order it concerns. */
export interface WorkOrderRef {
  workOrderId: string;
  requestId: string | null;
  unitId: string | null;
  role: AssignmentRole | null;
}

function workOrderRef(e: { workOrderId: string; requestId?: string; unitId: string; role?: string }): WorkOrderRef {
  return {
    workOrderId: required(e.workOrderId, 'work_order_id'),
    requestId: textOrNull(e.requestId),
    unitId: textOrNull(e.unitId),
    role: e.role ? toAssignmentRole(e.role) : null,
  };
}

export interface WorkOrderCreation {
  unitCode: string | null;
  unitName: string | null;
  categoryCode: string | null;
  /** The request's canonical division code, as its brief says (the rates group by it without a join). */
  areaCode: string | null;
  day: string | null;
  createdAt: Date;
  signDueAt: Date | null;
  /** The original handling due. */
  handleDueAt: Date | null;
  dueProvisional: boolean;
}

export function workOrderCreatedOf(
  e: handlingEventsV1.WorkOrderCreated,
  publishedAt: Date,
  timeZone?: string,
): { ref: WorkOrderRef; creation: WorkOrderCreation } {
  return {
    ref: workOrderRef({ ...e, requestId: e.request?.requestId }),
    creation: {
      unitCode: textOrNull(e.unitCode),
      unitName: textOrNull(e.unitName),
      categoryCode: textOrNull(e.request?.categoryCode),
      areaCode: e.request?.areaCode ? canonicalArea(e.request.areaCode) : null,
      day: receiptDay(e.request?.receivedAt, timeZone),
      createdAt: instant(e.createdAt, publishedAt),
      signDueAt: instantOrNull(e.signDueAt),
      handleDueAt: instantOrNull(e.handleDueAt),
      dueProvisional: e.dueProvisional,
    },
  };
}

export interface Signing {
  signedAt: Date;
  onTime: boolean;
  /** Where the tenant counts the handling clock from the sign-for: the handling due it gave; null otherwise. */
  handleDueAt: Date | null;
}

export function workOrderSignedOf(e: handlingEventsV1.WorkOrderSigned, publishedAt: Date): { ref: WorkOrderRef; signing: Signing } {
  return { ref: workOrderRef(e), signing: { signedAt: instant(e.signedAt, publishedAt), onTime: e.onTime, handleDueAt: instantOrNull(e.handleDueAt) } };
}

export interface Answer {
  answeredAt: Date;
  /** Before the ORIGINAL handling due (handling's judgement), whatever rework came before. */
  onTime: boolean;
  handlingWorkingHours: number;
  reworkCount: number;
  handleDueAt: Date | null;
  reworkDueAt: Date | null;
  /** Null when there was no rework. */
  reworkOnTime: boolean | null;
}

export function workOrderAnsweredOf(e: handlingEventsV1.WorkOrderAnswered, publishedAt: Date): { ref: WorkOrderRef; answer: Answer } {
  const reworkDueAt = instantOrNull(e.reworkDueAt);
  return {
    ref: workOrderRef(e),
    answer: {
      answeredAt: instant(e.answeredAt, publishedAt),
      onTime: e.onTime,
      handlingWorkingHours: e.handlingWorkingHours,
      reworkCount: e.reworkCount,
      handleDueAt: instantOrNull(e.handleDueAt),
      reworkDueAt,
      reworkOnTime: reworkDueAt ? e.reworkOnTime : null,
    },
  };
}

export function workOrderOverdueOf(e: handlingEventsV1.WorkOrderOverdue): { ref: WorkOrderRef; clock: Clock } {
  if (!isClock(e.clock)) throw new UnusableEventError(`clock "${e.clock}" is not sign-for, handling or rework`);
  return { ref: workOrderRef(e), clock: e.clock };
}

export interface Reopening {
  reopenedAt: Date;
  reworkCount: number;
  reworkDueAt: Date | null;
}

export function workOrderReopenedOf(e: handlingEventsV1.WorkOrderReopened, publishedAt: Date): { ref: WorkOrderRef; reopening: Reopening } {
  return {
    ref: workOrderRef(e),
    reopening: { reopenedAt: instant(e.reopenedAt, publishedAt), reworkCount: e.reworkCount, reworkDueAt: instantOrNull(e.reworkDueAt) },
  };
}

export interface RecomputedDues {
  signDueAt: Date | null;
  handleDueAt: Date | null;
  reworkDueAt: Date | null;
  dueProvisional: boolean;
}

export function workOrderDuesRecomputedOf(e: handlingEventsV1.WorkOrderDuesRecomputed): { ref: WorkOrderRef; dues: RecomputedDues } {
  return {
    ref: workOrderRef(e),
    dues: {
      signDueAt: instantOrNull(e.signDueAt),
      handleDueAt: instantOrNull(e.handleDueAt),
      reworkDueAt: instantOrNull(e.reworkDueAt),
      dueProvisional: e.dueProvisional,
    },
  };
}

export interface Cancellation {
  cancelledAt: Date;
  reason: string | null;
}

export function workOrderCancelledOf(
  e: handlingEventsV1.WorkOrderCancelled,
  publishedAt: Date,
): { ref: WorkOrderRef; cancellation: Cancellation } {
  return { ref: workOrderRef(e), cancellation: { cancelledAt: instant(e.cancelledAt, publishedAt), reason: textOrNull(e.reason) } };
}

export interface Review {
  passed: boolean;
  reviewedAt: Date;
}

export function answerReviewedOf(e: revisitEventsV1.AnswerReviewed, publishedAt: Date): { ref: WorkOrderRef; review: Review } {
  return { ref: workOrderRef(e), review: { passed: e.passed, reviewedAt: instant(e.reviewedAt, publishedAt) } };
}

export interface Evaluation {
  requestId: string;
  revisitId: string;
  /** The primary unit whose answer was evaluated. */
  unitId: string | null;
  resolved: boolean;
  /** 解决 / 部分解决 / 未解决; from `resolved` for revisits recorded before the three levels. */
  resolution: Resolution;
  /** Null: not rated (未评价), as when the hotline checked an anonymous request itself. */
  satisfaction: Satisfaction | null;
  respondent: RevisitRespondent | null;
  /** The tenant's default evaluation, recorded at the end of the window. */
  defaulted: boolean;
  recordedAt: Date;
}

/**
 * An evaluation. A satisfaction outside the vocabulary is refused; an empty one is 未评价 and only
 * the hotline's own check (respondent hotline) records none, so it is refused from anyone else.
 */
export function evaluationOf(e: revisitEventsV1.RevisitRecorded, publishedAt: Date): Evaluation {
  const respondent = isRespondent(e.respondent) ? e.respondent : null;
  const unrated = !e.satisfaction && respondent === 'hotline';
  if (!unrated && !isSatisfaction(e.satisfaction)) throw new UnusableEventError(`satisfaction "${e.satisfaction}" is not a satisfaction level`);
  if (e.resolution && !isResolution(e.resolution)) throw new UnusableEventError(`resolution "${e.resolution}" is not a resolution`);
  return {
    requestId: required(e.requestId, 'request_id'),
    revisitId: required(e.revisitId, 'revisit_id'),
    unitId: textOrNull(e.unitId),
    resolved: e.resolved,
    resolution: isResolution(e.resolution) ? e.resolution : e.resolved ? 'resolved' : 'unresolved',
    satisfaction: unrated ? null : (e.satisfaction as Satisfaction),
    respondent,
    defaulted: e.defaulted ?? false,
    recordedAt: instant(e.recordedAt, publishedAt),
  };
}

export interface Judgement {
  requestId: string;
  /** The evaluation judged. */
  revisitId: string;
  unitId: string | null;
  workOrderId: string | null;
  judgement: EvaluationJudgement;
  judgedAt: Date;
}

/**
 * A reviewer's judgement of a dissatisfied or unresolved evaluation. A `judgement` code the
 * vocabulary knows is taken as it is; without one (or with one this release does not know) the
 * boolean `reasonable` decides: reasonable (合理差评, sent back for 重办) or unreasonable.
 */
export function judgementOf(e: revisitEventsV1.EvaluationJudged, publishedAt: Date): Judgement {
  const code = (e as { judgement?: string }).judgement;
  return {
    requestId: required(e.requestId, 'request_id'),
    revisitId: required(e.revisitId, 'revisit_id'),
    unitId: textOrNull(e.unitId),
    workOrderId: textOrNull(e.workOrderId),
    judgement: isJudgement(code) ? code : e.reasonable ? 'reasonable' : 'unreasonable',
    judgedAt: instant(e.judgedAt, publishedAt),
  };
}

export interface Termination {
  requestId: string;
  terminationId: string | null;
  reasonCode: TerminationReason;
  terminatedAt: Date;
}

/** 诉求终结 approved (two-person rule): the request is counted apart, with its reason. */
export function terminationOf(e: intakeEventsV1.RequestTerminated, publishedAt: Date): Termination {
  if (!isTerminationReason(e.reasonCode)) throw new UnusableEventError(`reason_code "${e.reasonCode}" is not a termination reason`);
  return {
    requestId: required(e.requestId, 'request_id'),
    terminationId: textOrNull(e.terminationId),
    reasonCode: e.reasonCode,
    terminatedAt: instant(e.terminatedAt, publishedAt),
  };
}

export interface Skip {
  requestId: string;
  unitId: string | null;
  reason: string | null;
  skippedAt: Date;
}

export function skipOf(e: revisitEventsV1.RevisitSkipped, publishedAt: Date): Skip {
  return {
    requestId: required(e.requestId, 'request_id'),
    unitId: textOrNull(e.unitId),
    reason: textOrNull(e.reason),
    skippedAt: instant(e.skippedAt, publishedAt),
  };
}

export interface Closure {
  requestId: string;
  closedAt: Date;
  /** Null for a closure published before revisits could be skipped (it named no outcome). */
  revisitOutcome: RevisitOutcome | null;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
}

export function closureOf(e: revisitEventsV1.RequestClosed, publishedAt: Date): Closure {
  // The hotline's own check closes evaluated with no satisfaction (未评价): its resolution stands.
  const evaluated = e.revisitOutcome === 'evaluated' || (e.revisitOutcome !== 'skipped' && isSatisfaction(e.satisfaction));
  return {
    requestId: required(e.requestId, 'request_id'),
    closedAt: instant(e.closedAt, publishedAt),
    revisitOutcome: isRevisitOutcome(e.revisitOutcome) ? e.revisitOutcome : null,
    resolved: evaluated ? e.resolved : null,
    satisfaction: evaluated && isSatisfaction(e.satisfaction) ? e.satisfaction : null,
  };
}

export interface Urge {
  level: string;
  urgedAt: Date;
}

export function workOrderUrgedOf(e: handlingEventsV1.WorkOrderUrged, publishedAt: Date): { ref: WorkOrderRef; urge: Urge } {
  return { ref: workOrderRef(e), urge: { level: e.level, urgedAt: instant(e.urgedAt, publishedAt) } };
}

/** A 督办 order opened on the work order (its other steps change no count). */
export function supervisionOpenedOf(e: handlingEventsV1.SupervisionChanged): WorkOrderRef | undefined {
  return e.step === 'opened' ? workOrderRef(e) : undefined;
}
