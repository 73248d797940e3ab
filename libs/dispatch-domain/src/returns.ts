import { createWorkingCalendar, computeDue, WorkingCalendar } from '@hotline/calendar';
import { FIRST_RESPONSIBLE_BARRED_REASONS } from '@hotline/vocabulary';
import type { ReturnReason, ReturnStatus } from '@hotline/vocabulary';
import type { FieldIssue, UnitAssignment, UnitChoice } from './assignment';

/** A tenant's rules for returns (退单) and designation (指定办理). */
export interface ReturnPolicy {
  returnWindowWorkingDays: number;
  maxDispatchAttempts: number;
  /** The reason codes the tenant accepts, a subset of RETURN_REASONS. */
  returnReasons: readonly ReturnReason[];
}

/** The dispatch of a request as a return is judged against it. */
export interface DispatchState {
  attempt: number;
  designated: boolean;
  /** 首接负责: the primary leads the coordination (absent: not). */
  firstResponsible?: boolean;
  dispatchedAt: Date;
  assignments: readonly UnitAssignment[];
}

/** Why a unit may not return the order now; each maps to one problem (403 or 409). */
export type ReturnRefusal = 'not-the-primary-unit' | 'designated' | 'first-responsible' | 'already-returned' | 'window-closed';

/**
 * The national calendar as shipped (weekends, holidays, 调休) in the tenant's zone. Dispatch holds no
 * tenant calendar overrides (handling owns them): a tenant's extra holidays lengthen its handling
 * clocks but not yet the return window (docs/lifecycle.md, returns).
 */
export function returnCalendar(timeZone?: string): WorkingCalendar {
  return createWorkingCalendar({ timeZone });
}

/** The end of the return window: N working days from the dispatch, counted 自次日起 (ADR 0012). */
export function returnWindowDue(calendar: WorkingCalendar, dispatchedAt: Date, workingDays: number): Date {
  return computeDue(calendar, dispatchedAt, { unit: 'working-days', amount: workingDays });
}

/** The primary (主办) unit of a dispatch: only it may return the order (协办 answer into it). */
export function primaryOf(state: Pick<DispatchState, 'assignments'>): UnitAssignment | undefined {
  return state.assignments.find((a) => a.role === 'primary');
}

/**
 * Whether the unit with code `unitCode` may return the order at `now`: it must be the primary unit
 * of the current attempt, the attempt not designated, not returned yet, and the window open
 * (Tianjin 送审稿: after the window the unit must handle it [S12]); a first-responsible (首接负责)
 * unit cannot give a reason it must coordinate itself.
 */
export function returnRefusal(
  state: DispatchState,
  unitCode: string | undefined,
  returnsOfAttempt: number,
  now: Date,
  windowDueAt: Date,
  reason?: ReturnReason,
): ReturnRefusal | null {
  if (!unitCode || primaryOf(state)?.unitCode !== unitCode) return 'not-the-primary-unit';
  if (state.designated) return 'designated';
  if (state.firstResponsible && reason && FIRST_RESPONSIBLE_BARRED_REASONS.includes(reason)) return 'first-responsible';
  if (returnsOfAttempt > 0) return 'already-returned';
  if (now.getTime() >= windowDueAt.getTime()) return 'window-closed';
  return null;
}

/** A return may be decided once, while it is in review. */
export function canDecide(status: ReturnStatus): boolean {
  return status === 'in-review';
}

/** The next attempt is designated (指定办理) when it reaches the tenant's maximum. */
export function isDesignatedAttempt(attempt: number, maxDispatchAttempts: number): boolean {
  return attempt >= maxDispatchAttempts;
}

/** A re-dispatch (改派) may not go back to a unit whose return was accepted, as 主办 or 协办. */
export function excludedUnitIssues(choice: UnitChoice, excludedUnitIds: readonly string[]): FieldIssue[] {
  const excluded = new Set(excludedUnitIds);
  const message = 'this unit returned the request and its return was accepted';
  return [
    ...(excluded.has(choice.primaryUnitId) ? [{ field: 'primaryUnitId', message }] : []),
    ...choice.assistingUnitIds.flatMap((id, i) => (excluded.has(id) ? [{ field: `assistingUnitIds.${i}`, message }] : [])),
  ];
}
