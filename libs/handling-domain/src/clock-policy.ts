/**
 * Honest clocks (issue 12): when the handling clock starts, and the approved pauses that stop it.
 *
 * - Start: at the dispatch (the default; Guangdong counts "自收到之日起" [S13]) or at the sign-for,
 *   a tenant's choice. From the sign-for, the clock starts no later than the sign-for due: a unit
 *   that signs late has used its handling time meanwhile (nothing hides lateness).
 * - Pauses (暂停计时): a unit asks before its due with a reason; the hotline approves (the clock
 *   stops at the approval) or refuses; a person resumes it, or it resumes by itself at the
 *   tenant's longest pause. The due moves by the working days on which the clock stood still.
 *   No source gives pause rules; the defaults (two pauses, at most 10 working days each) are ours
 *   [I], shaped on the extension defaults (domain.md §8.2).
 */
import { addDays, addWorkingDays, addWorkingHours, type TimeLimitRule, type WorkingCalendar, workingMsBetween } from '@hotline/calendar';
import type { HandlingClockStart, Role } from '@hotline/vocabulary';

export interface ClockPolicy {
  handlingStartsAt: HandlingClockStart;
  /** Pauses one order may have approved. 0: no pauses. */
  maxPauses: number;
  /** The longest a pause may stop the clock, in working days from its start. */
  maxPauseWorkingDays: number;
}

export const DEFAULT_CLOCK_POLICY: ClockPolicy = { handlingStartsAt: 'dispatch', maxPauses: 2, maxPauseWorkingDays: 10 };

/** Who decides a pause for the hotline: those who decide extensions. */
export const PAUSE_DECIDERS: readonly Role[] = ['supervisor', 'tenant-admin'];

/**
 * The instant the handling clock is planned to start at the order's creation: the dispatch, or
 * (from the sign-for) the sign-for due — the latest it can start; the sign-for moves it earlier.
 */
export function plannedHandlingStart(startsAt: HandlingClockStart, createdAt: Date, signDueAt: Date): Date {
  return startsAt === 'sign-for' ? signDueAt : createdAt;
}

/** Where the handling clock starts when the order is signed: the sign-for, capped at its due. */
export function handlingStartAtSign(signedAt: Date, signDueAt: Date): Date {
  return new Date(Math.min(signedAt.getTime(), signDueAt.getTime()));
}

/** Working days touched by [from, to): each working day on which the clock stood still, even in part. */
export function workingDaysTouched(calendar: WorkingCalendar, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  let count = 0;
  const last = calendar.localDateOf(new Date(to.getTime() - 1));
  for (let date = calendar.localDateOf(from); date <= last; date = addDays(date, 1)) if (calendar.isWorkingDay(date)) count++;
  return count;
}

/**
 * The handling due after a pause from `pausedAt` to `resumedAt`: a working-days clock gets back
 * every working day the pause touched (counted on from the day the old due falls in); an hours
 * clock and a calendar-minutes clock get back the exact time stood still.
 */
export function dueAfterPause(calendar: WorkingCalendar, rule: TimeLimitRule, dueAt: Date, pausedAt: Date, resumedAt: Date): Date {
  if (resumedAt.getTime() <= pausedAt.getTime()) return dueAt;
  if (rule.unit === 'calendar-minutes') return new Date(dueAt.getTime() + (resumedAt.getTime() - pausedAt.getTime()));
  if (rule.unit === 'working-hours') return addWorkingTime(calendar, dueAt, workingMsBetween(calendar, pausedAt, resumedAt));
  const days = workingDaysTouched(calendar, pausedAt, resumedAt);
  if (days === 0) return dueAt;
  return addWorkingDays(calendar, new Date(dueAt.getTime() - 1), days, 'from-next-day');
}

/** When a pause started at `startedAt` resumes by itself: the end of its last allowed working day. */
export function pauseLimitAt(calendar: WorkingCalendar, startedAt: Date, policy: Pick<ClockPolicy, 'maxPauseWorkingDays'>): Date {
  return addWorkingDays(calendar, startedAt, policy.maxPauseWorkingDays, 'from-receipt');
}

/** Why the order may not be paused now, in words for the unit; undefined when it may. */
export function pauseRefusal(
  order: { handlingRunning: boolean; paused: boolean; reworking: boolean; pendingPause: boolean; approvedPauses: number },
  policy: Pick<ClockPolicy, 'maxPauses'>,
): string | undefined {
  if (policy.maxPauses === 0) return "the tenant's clock policy allows no pauses";
  if (!order.handlingRunning) return 'its handling clock does not run';
  if (order.paused) return 'its handling clock is paused already';
  if (order.reworking) return 'an order in rework (重办) cannot pause: its rework due stands';
  if (order.pendingPause) return 'a pause is waiting for approval already';
  if (order.approvedPauses >= policy.maxPauses) return `at most ${policy.maxPauses} pause(s) per order; ${order.approvedPauses} approved already`;
  return undefined;
}

function addWorkingTime(calendar: WorkingCalendar, from: Date, ms: number): Date {
  return ms > 0 ? addWorkingHours(calendar, from, ms / 3_600_000) : from;
}
