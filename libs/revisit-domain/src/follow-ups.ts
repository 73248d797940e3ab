import { addDays, IsoDate, isIsoDate, localDateOf, startOfLocalDay } from '@hotline/calendar';
import { HOTLINE_WIDE_ROLES, UNIT_ROLES } from '@hotline/vocabulary';
import type { FollowUpState, Resolution, Role } from '@hotline/vocabulary';
import type { ProgressStatus } from './review';

// 持续跟踪: a request that cannot be solved now for an objective reason (planning, funding,
// policy) closes into a follow-up with a date. On that date it is due: its unit reports
// progress, then the hotline revisits the requester and either ends the follow-up or sets the
// next date. The rules here are pure; the service keeps the rows, the timer and the events.

/** The furthest a follow-up date may lie ahead: a year, leap day included. */
export const MAX_FOLLOW_UP_DAYS = 366;
export const MAX_FOLLOW_UP_NOTE = 1000;

/** The tenant's civil date now: "in the future" and "a year ahead" are counted in it. */
export function localToday(now: Date, timeZone: string): IsoDate {
  return localDateOf(now, timeZone);
}

/**
 * Why a follow-up date cannot be taken (the message of a 400 on its field), or undefined: a real
 * date `YYYY-MM-DD`, after the tenant's today (a follow-up due today or before would be due at
 * once, which is no follow-up) and at most MAX_FOLLOW_UP_DAYS ahead.
 */
export function followUpDateRefusal(date: unknown, today: IsoDate): string | undefined {
  if (!isIsoDate(date)) return 'must be a date YYYY-MM-DD';
  if (date <= today) return `must be after today (${today})`;
  const last = addDays(today, MAX_FOLLOW_UP_DAYS);
  if (date > last) return `must be at most ${MAX_FOLLOW_UP_DAYS} days ahead (${last} at the latest)`;
  return undefined;
}

/** When a follow-up dated `date` comes due: the first instant of that date in the tenant's zone. */
export function followUpDueAt(date: IsoDate, timeZone: string): Date {
  return startOfLocalDay(date, timeZone);
}

/** What happens to a follow-up: its date comes (the timer), its unit reports, the hotline revisits. */
export type FollowUpAction = 'fall-due' | 'report' | 'revisit';

/**
 * The states each action applies in. A unit may report before the date (the work was done
 * sooner); the hotline revisits once the unit has reported, never before.
 */
const ACTION_FROM: Record<FollowUpAction, readonly FollowUpState[]> = {
  'fall-due': ['scheduled'],
  report: ['scheduled', 'due'],
  revisit: ['reported'],
};

const ACTION_NAMES: Record<FollowUpAction, string> = {
  'fall-due': 'fall due',
  report: 'take a progress report',
  revisit: 'be revisited',
};

/** Why `action` cannot apply to a follow-up in `state` (a 409), or undefined when it can. */
export function followUpActionRefusal(followUpId: string, state: FollowUpState, action: FollowUpAction): string | undefined {
  if (ACTION_FROM[action].includes(state)) return undefined;
  return `follow-up ${followUpId} is ${state}: it can ${ACTION_NAMES[action]} only when ${ACTION_FROM[action].join(' or ')}`;
}

/** The state after `action`; a revisit with a next date schedules the follow-up again, otherwise ends it. */
export function followUpStateAfter(action: FollowUpAction, nextFollowUpOn?: IsoDate | null): FollowUpState {
  if (action === 'fall-due') return 'due';
  if (action === 'report') return 'reported';
  return nextFollowUpOn ? 'scheduled' : 'ended';
}

/**
 * Why a follow-up's revisit is refused on its fields (field and message of a 400), or undefined:
 * a matter the requester calls 解决 has nothing left to follow, so it cannot get a next date.
 */
export function followUpRevisitRefusal(r: { resolution: Resolution; nextFollowUpOn?: string | null }): { field: string; message: string } | undefined {
  if (r.resolution === 'resolved' && r.nextFollowUpOn)
    return { field: 'nextFollowUpOn', message: 'a resolved matter is not followed up again: leave nextFollowUpOn out to end the follow-up' };
  return undefined;
}

/**
 * Why a reviewer cannot close a request straight into a follow-up (a 409), or undefined: only a
 * request awaiting its revisit, whose unit's answer (passed in 复核) says it cannot be solved now;
 * a dissatisfied or unresolved evaluation goes through its judgement (judgement `follow-up`).
 */
export function directFollowUpRefusal(requestId: string, status: ProgressStatus): string | undefined {
  if (status === 'awaiting-revisit') return undefined;
  if (status === 'awaiting-judgement') return `request ${requestId} awaits the judgement of its evaluation: judge it as follow-up instead`;
  return `request ${requestId} is ${status}, not awaiting revisit`;
}

/** Who reads follow-ups: the hotline's reviewers, supervisors and administrators (every unit), and unit staff (their own). */
export const FOLLOW_UP_READERS: readonly Role[] = [...UNIT_ROLES, 'reviewer', 'supervisor', 'tenant-admin'];
/** Who revisits a follow-up the unit reported on (and ends it or sets its next date). */
export const FOLLOW_UP_REVISITERS: readonly Role[] = ['reviewer', 'supervisor'];

export interface FollowUpViewer {
  roles: readonly Role[];
  /** The `unit` claim: the unit's code, for unit staff. */
  unit?: string;
}

/**
 * Whose follow-ups a caller sees: undefined = every unit (hotline staff); otherwise the unit code
 * of the token. Unit staff without a unit claim see none ('' matches no unit), as with work orders.
 */
export function followUpUnitScope(viewer: FollowUpViewer): string | undefined {
  if (viewer.roles.some((r) => HOTLINE_WIDE_ROLES.includes(r))) return undefined;
  return viewer.unit ?? '';
}

export function canSeeFollowUp(viewer: FollowUpViewer, unitCode: string | null): boolean {
  const scope = followUpUnitScope(viewer);
  return scope === undefined || (scope !== '' && scope === unitCode);
}

/** Only staff of the follow-up's own unit report its progress. */
export function canReportFollowUp(viewer: FollowUpViewer, unitCode: string | null): boolean {
  return viewer.roles.some((r) => UNIT_ROLES.includes(r)) && !!viewer.unit && viewer.unit === unitCode;
}
