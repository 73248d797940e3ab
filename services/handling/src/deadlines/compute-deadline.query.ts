import { computeDueOn, toCalendarRule } from '@hotline/handling-domain';
import { TenantDb } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { ComputeDeadline } from './deadlines.schemas';

export interface Deadline {
  dueAt: string;
  timeZone: string;
  /** False when the due reaches into a year without holiday data (Monday–Friday only there). */
  calendarDataComplete: boolean;
}

/**
 * Due instant of a time limit on the tenant's working calendar, exactly as a work order gets it:
 * the same calendar and, without a counting, the same default.
 */
export async function computeDeadline(db: TenantDb, tenantId: string, input: ComputeDeadline): Promise<Deadline> {
  const calendar = await db.run(tenantId, (m) => tenantWorkingCalendar(m, tenantId));
  const { dueAt, missingYears } = computeDueOn(calendar, input.startAt, toCalendarRule(input));
  return { dueAt: dueAt.toISOString(), timeZone: calendar.timeZone, calendarDataComplete: missingYears.length === 0 };
}
