/**
 * A work order's state machine and clocks: 签收 sign-for, 办理 handling and, after a failed
 * 复核, 重办 rework. The original handling due never moves: the on-time rate counts against
 * it, and each round of rework has its own due beside it.
 */
import type { TimeLimitRule, WorkingCalendar } from '@hotline/calendar';
import type { AssignmentRole, Clock, WorkOrderStatus } from '@hotline/vocabulary';
import { computeDueOn, ComputedDue, missingYearsOf, unionOfYears } from './dues';
import type { OrderTimeLimit } from './time-limits';

export type Transition = 'sign' | 'answer' | 'give-input' | 'review-passed' | 'review-failed' | 'cancel';

const TRANSITIONS: Record<Transition, { from: readonly WorkOrderStatus[]; to: WorkOrderStatus }> = {
  sign: { from: ['awaiting-sign'], to: 'in-progress' },
  answer: { from: ['in-progress'], to: 'answered' },
  // An assisting unit's answer is its input to the lead's answer: its share ends there (ADR 0026).
  'give-input': { from: ['in-progress'], to: 'input-given' },
  'review-passed': { from: ['answered'], to: 'reviewed' },
  'review-failed': { from: ['answered'], to: 'in-progress' },
  // Every order not yet final; `reviewed` and `cancelled` are.
  cancel: { from: ['awaiting-sign', 'in-progress', 'answered'], to: 'cancelled' },
};

/** The status after `transition`, or undefined when it is not allowed from `status`. */
export function nextStatus(status: WorkOrderStatus, transition: Transition): WorkOrderStatus | undefined {
  const t = TRANSITIONS[transition];
  return t.from.includes(status) ? t.to : undefined;
}

/** What answering is for an order of this role: the lead answers for review, an assisting unit gives its input. */
export function answerTransition(role: AssignmentRole): Extract<Transition, 'answer' | 'give-input'> {
  return role === 'primary' ? 'answer' : 'give-input';
}

/** Statuses in which an order is still open (not reviewed, not cancelled). */
export const OPEN_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = TRANSITIONS.cancel.from;

/** What an order's clocks depend on. */
export interface WorkOrderClocks {
  status: WorkOrderStatus;
  createdAt: Date;
  signDueAt: Date;
  handleDueAt: Date;
  /** The handling due as moved by approved extensions (延期); null or absent when never extended. */
  extendedDueAt?: Date | null;
  /** The due of the current round of rework; null before any. */
  reworkDueAt: Date | null;
  reopenedAt: Date | null;
  /** Where the handling clock started (or, from the sign-for and unsigned yet, is planned to); absent: at creation. */
  handleStartedAt?: Date | null;
  /** Since when an approved pause stops the handling clock; null or absent while it runs. */
  pausedAt?: Date | null;
  signOverdue: boolean;
  handleOverdue: boolean;
  reworkOverdue: boolean;
}

/**
 * Whether a clock still runs: sign-for until signed, handling until answered (again after a
 * failed review: the original due still decides the on-time rate) and not while an approved
 * pause stops it, rework until re-answered.
 */
export function isClockRunning(order: Pick<WorkOrderClocks, 'status' | 'reworkDueAt' | 'pausedAt'>, clock: Clock): boolean {
  switch (clock) {
    case 'sign-for':
      return order.status === 'awaiting-sign';
    case 'handling':
      return (order.status === 'awaiting-sign' || order.status === 'in-progress') && !order.pausedAt;
    case 'rework':
      return order.status === 'in-progress' && order.reworkDueAt !== null;
  }
}

function isFlagged(order: WorkOrderClocks, clock: Clock): boolean {
  return clock === 'sign-for' ? order.signOverdue : clock === 'handling' ? order.handleOverdue : order.reworkOverdue;
}

/** An overdue timer flags the order only while its clock runs and was not flagged already. */
export function isOverdueNews(order: WorkOrderClocks, clock: Clock): boolean {
  return isClockRunning(order, clock) && !isFlagged(order, clock);
}

/** The clocks whose overdue timers must be pending. */
export function clocksToWatch(order: WorkOrderClocks): Clock[] {
  return (['sign-for', 'handling', 'rework'] as const).filter((clock) => isOverdueNews(order, clock));
}

export function dueOf(order: Pick<WorkOrderClocks, 'signDueAt' | 'handleDueAt' | 'extendedDueAt' | 'reworkDueAt'>, clock: Clock): Date | null {
  return clock === 'sign-for' ? order.signDueAt : clock === 'handling' ? handlingDueOf(order) : order.reworkDueAt;
}

/** The handling due the order is judged against: the approved extension's, else the original. */
export function handlingDueOf(order: Pick<WorkOrderClocks, 'handleDueAt' | 'extendedDueAt'>): Date {
  return order.extendedDueAt ?? order.handleDueAt;
}

interface DueThatMatters {
  clock: Clock;
  start: Date;
  rule: TimeLimitRule;
}

/**
 * The dues a later step can still be judged against: sign-for while unsigned, handling while
 * the order is open (an answered one may come back from review), rework while it is reworked.
 */
function duesThatMatter(order: WorkOrderClocks, limit: OrderTimeLimit): DueThatMatters[] {
  const dues: DueThatMatters[] = [];
  if (order.status === 'awaiting-sign') dues.push({ clock: 'sign-for', start: order.createdAt, rule: limit.signFor });
  if (OPEN_WORK_ORDER_STATUSES.includes(order.status)) dues.push({ clock: 'handling', start: handlingStartOf(order), rule: limit.handling });
  if (isClockRunning(order, 'rework') && order.reopenedAt)
    dues.push({ clock: 'rework', start: order.reopenedAt, rule: limit.handling });
  return dues;
}

/** Years without holiday data that the order's dues that still matter reach into. */
export function provisionalYearsOf(order: WorkOrderClocks, limit: OrderTimeLimit, calendar: WorkingCalendar): number[] {
  return unionOfYears(
    ...duesThatMatter(order, limit).map((d) => {
      const dueAt = dueOf(order, d.clock);
      return dueAt ? missingYearsOf(calendar, d.start, dueAt, d.rule) : [];
    }),
  );
}

export interface Dues {
  signDueAt: Date;
  handleDueAt: Date;
  reworkDueAt: Date | null;
  /** Years without data the dues that still matter reach into; empty when none is provisional. */
  provisionalYears: number[];
  /** The clocks whose dues are provisional. */
  provisionalClocks: Clock[];
}

/** The latest of the provisional dues (what CalendarDataMissing reports), if any. */
export function latestProvisionalDue(dues: Dues): Date | undefined {
  const times = dues.provisionalClocks.map((clock) => dueOf(dues, clock)?.getTime() ?? 0);
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
}

/** Where the handling clock started: the recorded start, else the creation. */
export function handlingStartOf(order: Pick<WorkOrderClocks, 'createdAt' | 'handleStartedAt'>): Date {
  return order.handleStartedAt ?? order.createdAt;
}

/**
 * The sign-for clock starts at creation (the dispatch), the handling clock at `handlingStart`
 * (the dispatch, or the sign-for due where the tenant counts from the sign-for: its latest start).
 */
export function initialDues(calendar: WorkingCalendar, createdAt: Date, limit: OrderTimeLimit, handlingStart?: (signDueAt: Date) => Date): Dues {
  const sign = computeDueOn(calendar, createdAt, limit.signFor);
  const handle = computeDueOn(calendar, handlingStart ? handlingStart(sign.dueAt) : createdAt, limit.handling);
  return {
    signDueAt: sign.dueAt,
    handleDueAt: handle.dueAt,
    reworkDueAt: null,
    provisionalYears: unionOfYears(sign.missingYears, handle.missingYears),
    provisionalClocks: [...(sign.missingYears.length ? ['sign-for' as const] : []), ...(handle.missingYears.length ? ['handling' as const] : [])],
  };
}

/**
 * The dues recomputed on a calendar that now knows more years. Only the dues that still matter
 * move: a clock that stopped was judged when it stopped, and its event is history.
 */
export function recomputedDues(order: WorkOrderClocks, limit: OrderTimeLimit, calendar: WorkingCalendar): Dues {
  const next = { signDueAt: order.signDueAt, handleDueAt: order.handleDueAt, reworkDueAt: order.reworkDueAt };
  const years: number[][] = [];
  const provisionalClocks: Clock[] = [];
  for (const d of duesThatMatter(order, limit)) {
    const { dueAt, missingYears } = computeDueOn(calendar, d.start, d.rule);
    years.push(missingYears);
    if (missingYears.length > 0) provisionalClocks.push(d.clock);
    if (d.clock === 'sign-for') next.signDueAt = dueAt;
    else if (d.clock === 'handling') next.handleDueAt = dueAt;
    else next.reworkDueAt = dueAt;
  }
  return { ...next, provisionalYears: unionOfYears(...years), provisionalClocks };
}

/** 退回重办: the rework due runs from the reopening under the order's own handling rule. */
export function reworkDue(calendar: WorkingCalendar, reopenedAt: Date, limit: OrderTimeLimit): ComputedDue {
  return computeDueOn(calendar, reopenedAt, limit.handling);
}

/** On time when it happened strictly before the due instant (the due is an exclusive bound). */
export function isOnTime(at: Date, dueAt: Date): boolean {
  return at.getTime() < dueAt.getTime();
}

/**
 * How an answer stands against the clocks: on time only before the ORIGINAL handling due, or
 * the due an approved extension set (a late unit sent back stays late), and against the rework
 * due after a failed review.
 */
export function answerTiming(order: Pick<WorkOrderClocks, 'handleDueAt' | 'extendedDueAt' | 'reworkDueAt'>, answeredAt: Date) {
  return {
    onTime: isOnTime(answeredAt, handlingDueOf(order)),
    reworkOnTime: order.reworkDueAt ? isOnTime(answeredAt, order.reworkDueAt) : false,
  };
}

/**
 * The instant a clock starts: when the fact that starts it happened, as its producer recorded it
 * (the dispatch, the failed review), so a consumer that ran late gives the unit no extra time;
 * the instant of receipt when the event has no usable time.
 */
export function clockStart(recordedAt: string | undefined, receivedAt: Date): Date {
  const at = recordedAt ? new Date(recordedAt) : undefined;
  // The calendar reads four-digit local years.
  if (!at || Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1970 || at.getUTCFullYear() > 2999) return receivedAt;
  return at;
}
