/**
 * The urging ladder's timing (domain.md §11.1, a municipal bureau's 12345 procedure [S20]): the
 * day after the due date an urging notice (催办通知书, copied to the unit's leader); still
 * unanswered five working days after it, a written circular (通报批评). And a circular too when
 * an order urged twice is still overdue and unanswered ("催办两次仍未办理", a city's publication
 * rule [S-fymate2]). The counts are tenant configuration with these defaults.
 */
import { addWorkingDays, lastWorkingDay, type WorkingCalendar } from '@hotline/calendar';
import type { Role } from '@hotline/vocabulary';

export interface UrgingPolicy {
  /** Working days after the due date on which the notice goes (1: the next working day). */
  noticeAfterDueWorkingDays: number;
  /** Working days after the notice's day at whose end a still unanswered order is circulated. */
  circularAfterNoticeWorkingDays: number;
  /** Urges of any level after which a still overdue, unanswered order is circulated; 0: never on this count. */
  circularAfterUrges: number;
}

export const DEFAULT_URGING_POLICY: UrgingPolicy = { noticeAfterDueWorkingDays: 1, circularAfterNoticeWorkingDays: 5, circularAfterUrges: 2 };

/**
 * When an order urged the policy's number of times is circulated: the end of the working day
 * after the last urge, or after the due date when the urges came before it (an order within its
 * limit is not failing yet, however often it was urged).
 */
export function repeatUrgeCircularAt(calendar: WorkingCalendar, lastUrgedAt: Date, dueAt: Date): Date {
  const from = Math.max(lastUrgedAt.getTime(), dueAt.getTime() - 1);
  return addWorkingDays(calendar, new Date(from), 1, 'from-next-day');
}

/** Whether the urges recorded so far call for the circular on their count. */
export function isRepeatUrgeCircularDue(urges: number, policy: Pick<UrgingPolicy, 'circularAfterUrges'>): boolean {
  return policy.circularAfterUrges > 0 && urges >= policy.circularAfterUrges;
}

/**
 * When the urging notice goes: the start of the Nth working day after the due date. A due is the
 * first instant after its last counted moment (midnight after the last working day, or 17:30 of
 * an hours limit), so the due date is the local date of the instant just before it.
 */
export function urgeNoticeAt(calendar: WorkingCalendar, dueAt: Date, policy: UrgingPolicy): Date {
  const lastMoment = new Date(dueAt.getTime() - 1);
  return calendar.startOfDay(lastWorkingDay(calendar, lastMoment, policy.noticeAfterDueWorkingDays, 'from-next-day'));
}

/** When a still unanswered order is circulated: the end of the Nth working day after the notice's day. */
export function urgeCircularAt(calendar: WorkingCalendar, noticeAt: Date, policy: UrgingPolicy): Date {
  return addWorkingDays(calendar, noticeAt, policy.circularAfterNoticeWorkingDays, 'from-next-day');
}

/** Who urges a unit by hand (催办): the hotline's dispatchers and supervisors. */
export const URGERS: readonly Role[] = ['dispatcher', 'supervisor'];

/** Who opens and closes 督办 orders: the hotline's supervisors. */
export const SUPERVISORS: readonly Role[] = ['supervisor'];

/**
 * Working days a unit has to reply to a 督办 order unless the supervisor sets another: 3, as
 * Shanghai 大宁路街道 gives 热线督办件 (domain.md §8 [S16]).
 */
export const DEFAULT_SUPERVISION_REPLY_WORKING_DAYS = 3;

/** The reply's due: the end of the Nth working day after the day the order was opened. */
export function supervisionReplyDueAt(calendar: WorkingCalendar, openedAt: Date, workingDays: number): Date {
  return addWorkingDays(calendar, openedAt, workingDays, 'from-next-day');
}
