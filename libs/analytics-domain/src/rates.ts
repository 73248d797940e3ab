import { DEFAULT_RATE_SETTINGS, RateWeights } from './rate-settings';

/** Rounds to 4 decimals (half away from zero, stable for binary fractions such as 0.12345). */
export function round4(value: number): number {
  const scaled = Math.round(Math.abs(value) * 10_000 + 1e-9) / 10_000;
  return Math.sign(value) * scaled || 0;
}

/** numerator / denominator rounded to 4 decimals; null when nothing is in the denominator. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round4(numerator / denominator) : null;
}

/**
 * Work-order counts of one group, as the read model aggregates them. An order enters a rate
 * only once it is decided for that rate: signed, or its sign-for due passed (响应率); answered,
 * or its original handling due passed (on-time answer rate). A cancelled order counts as
 * undecided unless the due passed before it was cancelled. Orders of terminated requests are in
 * none of these counts when the tenant excludes them (RateSettings.excludeTerminated).
 */
export interface WorkOrderCounts {
  /** Orders created (every one, decided or not). */
  workOrders: number;
  cancelled: number;
  signed: number;
  /** Signed before the sign-for due (handling's judgement). */
  signedOnTime: number;
  /** Not signed, and the sign-for due passed (before the cancellation, for a cancelled order). */
  unsignedPastDue: number;
  /** Orders whose latest answer stands (not sent back by review since). */
  answered: number;
  /** Of those, answered before the ORIGINAL handling due: rework never restarts the limit. */
  answeredOnTime: number;
  /** Without a standing answer, and the original handling due passed (before the cancellation, if cancelled). */
  unansweredPastDue: number;
  /** Sum over answered orders of working hours from creation to the standing answer. */
  handlingWorkingHoursSum: number;
  /** Orders the hotline urged at least once (催办, by hand or on the ladder). */
  urged: number;
  /** Orders that reached the ladder's urging notice (催办通知书), and its circular (通报). */
  urgeNotices: number;
  circulars: number;
  /** 督办 orders opened on the group's orders. */
  supervisions: number;
  /** Orders of terminated requests (诉求终结), counted apart whether or not the rates leave them out. */
  terminatedWorkOrders: number;
}

/**
 * Revisit counts of one group: the latest evaluation of each request (after 重办 the second
 * evaluation replaces the first), skipped revisits apart.
 */
export interface RevisitCounts {
  /** Evaluated revisits: the denominator of 解决率 (and of 重办率). */
  revisits: number;
  /** Of those, 解决 and 部分解决. */
  resolved: number;
  partlyResolved: number;
  /** Of all evaluated revisits, 满意 or 基本满意 (before any exclusion or weight). */
  satisfiedOrBasicallySatisfied: number;
  /** Revisits that could not take place (anonymous requester, not sampled, attempts exhausted): in no 解决率/满意率 denominator. */
  skippedRevisits: number;
  /** The valid evaluations (有效参评) of 满意率, by level: rated, and not left out as judged unreasonable. */
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  /** Evaluations without a satisfaction (未评价: the hotline's own check of an anonymous request). */
  unratedEvaluations: number;
  /** Evaluations a reviewer judged unreasonable (不合理差评), whether or not 满意率 leaves them out. */
  unreasonableEvaluations: number;
  /** Evaluations the system recorded as the tenant's default at the end of the revisit window. */
  defaultedEvaluations: number;
  /** Evaluated requests whose order a reasonable judgement (合理差评) sent back for 重办 at least once. */
  redone: number;
  /** Reasonable judgements of those requests (rounds of 重办). */
  redoRounds: number;
  /** Closed requests that needed a revisit: evaluated, or whose revisit attempts ran out (回访率 denominator). */
  revisitDenominator: number;
  /** Of those, the ones with an evaluation. */
  revisitedRequests: number;
}

/** Per-request completion counts of one group (on-time completion, 按时办结). */
export interface CompletionCounts {
  /**
   * Requests whose orders are decided for completion: every order has a standing answer or was
   * cancelled (at least one answered), or one is already late (answered after, or unanswered
   * past, its original handling due), so the request can no longer be on time.
   */
  completionDenominator: number;
  /** Of those, requests whose every order has a standing answer given before its original due. */
  requestsCompletedOnTime: number;
}

export interface RateRow extends Omit<WorkOrderCounts, 'handlingWorkingHoursSum'>, RevisitCounts, CompletionCounts {
  key: string;
  label: string;
  responseDenominator: number;
  responseRate: number | null;
  onTimeAnswerDenominator: number;
  onTimeAnswerRate: number | null;
  avgHandlingWorkingHours: number | null;
  /** resolved + partlyResolvedWeight × partlyResolved. */
  resolutionNumerator: number;
  resolutionRate: number | null;
  /** 有效参评 of 满意率: satisfied + basicallySatisfied + dissatisfied. */
  validEvaluations: number;
  /** satisfied + basicallySatisfiedWeight × basicallySatisfied. */
  satisfactionNumerator: number;
  satisfactionRate: number | null;
  urgeRate: number | null;
  redoRate: number | null;
  revisitRate: number | null;
  onTimeCompletionRate: number | null;
}

export const NO_WORK_ORDERS: WorkOrderCounts = {
  workOrders: 0,
  cancelled: 0,
  signed: 0,
  signedOnTime: 0,
  unsignedPastDue: 0,
  answered: 0,
  answeredOnTime: 0,
  unansweredPastDue: 0,
  handlingWorkingHoursSum: 0,
  urged: 0,
  urgeNotices: 0,
  circulars: 0,
  supervisions: 0,
  terminatedWorkOrders: 0,
};
export const NO_REVISITS: RevisitCounts = {
  revisits: 0,
  resolved: 0,
  partlyResolved: 0,
  satisfiedOrBasicallySatisfied: 0,
  skippedRevisits: 0,
  satisfied: 0,
  basicallySatisfied: 0,
  dissatisfied: 0,
  unratedEvaluations: 0,
  unreasonableEvaluations: 0,
  defaultedEvaluations: 0,
  redone: 0,
  redoRounds: 0,
  revisitDenominator: 0,
  revisitedRequests: 0,
};
export const NO_COMPLETIONS: CompletionCounts = { completionDenominator: 0, requestsCompletedOnTime: 0 };

/**
 * Every rate of one group from its counts, each beside its denominator (RATE_FORMULAS). The
 * weights are the tenant's (RateSettings); what the exclusions leave out is already out of the counts.
 */
export function rateRow(
  key: string,
  label: string,
  orders: WorkOrderCounts,
  revisits: RevisitCounts,
  completions: CompletionCounts = NO_COMPLETIONS,
  weights: RateWeights = DEFAULT_RATE_SETTINGS,
): RateRow {
  const { handlingWorkingHoursSum, ...orderCounts } = orders;
  const responseDenominator = orders.signed + orders.unsignedPastDue;
  const onTimeAnswerDenominator = orders.answered + orders.unansweredPastDue;
  const resolutionNumerator = weighted(revisits.resolved, revisits.partlyResolved, weights.partlyResolvedWeight);
  const validEvaluations = revisits.satisfied + revisits.basicallySatisfied + revisits.dissatisfied;
  const satisfactionNumerator = weighted(revisits.satisfied, revisits.basicallySatisfied, weights.basicallySatisfiedWeight);
  return {
    key,
    label,
    ...orderCounts,
    responseDenominator,
    responseRate: rate(orders.signedOnTime, responseDenominator),
    onTimeAnswerDenominator,
    onTimeAnswerRate: rate(orders.answeredOnTime, onTimeAnswerDenominator),
    avgHandlingWorkingHours: rate(handlingWorkingHoursSum, orders.answered),
    ...revisits,
    resolutionNumerator,
    resolutionRate: rate(resolutionNumerator, revisits.revisits),
    validEvaluations,
    satisfactionNumerator,
    satisfactionRate: rate(satisfactionNumerator, validEvaluations),
    urgeRate: rate(orders.urged, orders.workOrders),
    redoRate: rate(revisits.redone, revisits.revisits),
    revisitRate: rate(revisits.revisitedRequests, revisits.revisitDenominator),
    ...completions,
    onTimeCompletionRate: rate(completions.requestsCompletedOnTime, completions.completionDenominator),
  };
}

/** whole + weight × part, rounded to 4 decimals (a weight such as 0.1 is not exact in binary). */
export function weighted(whole: number, part: number, weight: number): number {
  return round4(whole + weight * part);
}
