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
 * undecided unless the due passed before it was cancelled.
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
}

/** Revisit counts of one group: the latest evaluation of each request, skipped revisits apart. */
export interface RevisitCounts {
  /** Evaluated revisits (有效参评): the denominator of 解决率 and 满意率. */
  revisits: number;
  resolved: number;
  satisfiedOrBasicallySatisfied: number;
  /** Revisits that could not take place (anonymous requester): in no denominator. */
  skippedRevisits: number;
}

export interface RateRow extends Omit<WorkOrderCounts, 'handlingWorkingHoursSum'>, RevisitCounts {
  key: string;
  label: string;
  responseDenominator: number;
  responseRate: number | null;
  onTimeAnswerDenominator: number;
  onTimeAnswerRate: number | null;
  avgHandlingWorkingHours: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  urgeRate: number | null;
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
};
export const NO_REVISITS: RevisitCounts = { revisits: 0, resolved: 0, satisfiedOrBasicallySatisfied: 0, skippedRevisits: 0 };

/** Every rate of one group from its counts, each beside its denominator (RATE_FORMULAS). */
export function rateRow(key: string, label: string, orders: WorkOrderCounts, revisits: RevisitCounts): RateRow {
  const { handlingWorkingHoursSum, ...orderCounts } = orders;
  const responseDenominator = orders.signed + orders.unsignedPastDue;
  const onTimeAnswerDenominator = orders.answered + orders.unansweredPastDue;
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
    resolutionRate: rate(revisits.resolved, revisits.revisits),
    satisfactionRate: rate(revisits.satisfiedOrBasicallySatisfied, revisits.revisits),
    urgeRate: rate(orders.urged, orders.workOrders),
  };
}
