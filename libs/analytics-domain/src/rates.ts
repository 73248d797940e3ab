/** Revisit satisfaction levels that count as satisfied (满意 + 基本满意). */
export const SATISFIED_LEVELS: readonly string[] = ['satisfied', 'basically-satisfied'];

export function isSatisfied(satisfaction: string | null | undefined): boolean {
  return satisfaction != null && SATISFIED_LEVELS.includes(satisfaction);
}

/** Rounds to 4 decimals (half away from zero, stable for binary fractions such as 0.12345). */
export function round4(value: number): number {
  const scaled = Math.round(Math.abs(value) * 10_000 + 1e-9) / 10_000;
  return Math.sign(value) * scaled || 0;
}

/** numerator / denominator rounded to 4 decimals; null when nothing is in the denominator. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round4(numerator / denominator) : null;
}

/** Work-order counts of one group, as aggregated by the read model. */
export interface WorkOrderCounts {
  workOrders: number;
  signedOnTime: number;
  answered: number;
  answeredOnTime: number;
  /** Sum over answered work orders of working hours from creation to the latest answer. */
  handlingWorkingHoursSum: number;
}

export interface RevisitCounts {
  revisits: number;
  resolved: number;
  satisfiedOrBasicallySatisfied: number;
}

export interface RateRow extends Omit<WorkOrderCounts, 'handlingWorkingHoursSum'>, RevisitCounts {
  key: string;
  label: string;
  responseRate: number | null;
  onTimeAnswerRate: number | null;
  avgHandlingWorkingHours: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

export const NO_WORK_ORDERS: WorkOrderCounts = {
  workOrders: 0,
  signedOnTime: 0,
  answered: 0,
  answeredOnTime: 0,
  handlingWorkingHoursSum: 0,
};
export const NO_REVISITS: RevisitCounts = { revisits: 0, resolved: 0, satisfiedOrBasicallySatisfied: 0 };

/** The rates of docs/lifecycle.md "Rates" for one group. */
export function rateRow(key: string, label: string, orders: WorkOrderCounts, revisits: RevisitCounts): RateRow {
  const { handlingWorkingHoursSum, ...orderCounts } = orders;
  return {
    key,
    label,
    ...orderCounts,
    responseRate: rate(orders.signedOnTime, orders.workOrders),
    onTimeAnswerRate: rate(orders.answeredOnTime, orders.answered),
    avgHandlingWorkingHours: rate(handlingWorkingHoursSum, orders.answered),
    ...revisits,
    resolutionRate: rate(revisits.resolved, revisits.revisits),
    satisfactionRate: rate(revisits.satisfiedOrBasicallySatisfied, revisits.revisits),
  };
}
