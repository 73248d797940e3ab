/**
 * 延期 (extension of the handling due). A unit asks before its due, with the reason, the basis
 * and how many more working days; the hotline approves or refuses. The original due is kept:
 * the on-time judgement moves to the approved due, and the history of every extension stays.
 *
 * Sources (docs/lifecycle.md "Extensions"): asked before the due, a request after it counts as
 * overdue [S20]; Shandong at most 10 more working days for 特别复杂 [S15]; Shanghai 大宁路
 * at most 15 working days in total after approval [S16]; one extension by default (no source
 * gives a number, domain.md §8.2 design default).
 */
import type { WorkingCalendar } from '@hotline/calendar';
import type { Role } from '@hotline/vocabulary';
import { computeDueOn, ComputedDue } from './dues';
import type { ClockRule } from './time-limits';

/** Who decides an extension for the hotline (domain.md §8.2: approved by the hotline body). */
export const EXTENSION_DECIDERS: readonly Role[] = ['supervisor', 'tenant-admin'];

/** A tenant's limits; null means no such limit. */
export interface ExtensionPolicy {
  /** How many extensions one order may have approved. */
  maxExtensions: number;
  /** Working days all approved extensions of one order may add together (Shandong: 10). */
  maxExtraWorkingDays: number | null;
  /** The handling limit plus every extension, in working days (Shanghai 大宁路: 15). */
  maxTotalWorkingDays: number | null;
}

/** The default: one extension of at most 10 working days (Shandong [S15]), no total cap. */
export const DEFAULT_EXTENSION_POLICY: ExtensionPolicy = { maxExtensions: 1, maxExtraWorkingDays: 10, maxTotalWorkingDays: null };

export interface ExtensionAsk {
  extraWorkingDays: number;
  /** Extra days of the extensions approved so far. */
  approvedExtraDays: readonly number[];
  /** The order's handling rule (its working days count towards the total). */
  handling: ClockRule;
}

/** The limit an ask breaks, in words for the unit; undefined when it is within the policy. */
export function extensionLimitBroken(ask: ExtensionAsk, policy: ExtensionPolicy): string | undefined {
  if (ask.approvedExtraDays.length >= policy.maxExtensions)
    return `at most ${policy.maxExtensions} extension(s) per order; ${ask.approvedExtraDays.length} approved already`;
  const extra = ask.approvedExtraDays.reduce((a, b) => a + b, 0) + ask.extraWorkingDays;
  if (policy.maxExtraWorkingDays !== null && extra > policy.maxExtraWorkingDays)
    return `extensions may add at most ${policy.maxExtraWorkingDays} working days in all; this would make ${extra}`;
  const own = ask.handling.unit === 'working-days' ? ask.handling.amount : 0;
  if (policy.maxTotalWorkingDays !== null && own + extra > policy.maxTotalWorkingDays)
    return `the handling limit with extensions may be at most ${policy.maxTotalWorkingDays} working days; this would make ${own + extra}`;
  return undefined;
}

/** Asked strictly before the due it would extend (the due is an exclusive bound). */
export function isAskedInTime(askedAt: Date, currentDueAt: Date): boolean {
  return askedAt.getTime() < currentDueAt.getTime();
}

/**
 * The extended due: the end of the Nth working day after the day the current due falls in. A
 * due at midnight Asia/Shanghai ends the day before it, hence the instant just before it;
 * counting from the next day gives N whole working days more, whatever time the due has.
 */
export function extendedDue(calendar: WorkingCalendar, currentDueAt: Date, extraWorkingDays: number): ComputedDue {
  const lastInstant = new Date(currentDueAt.getTime() - 1);
  return computeDueOn(calendar, lastInstant, { unit: 'working-days', amount: extraWorkingDays, counting: 'from-next-day' });
}
