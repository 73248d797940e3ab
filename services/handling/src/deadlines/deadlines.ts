import { z } from 'zod';
import { computeDue, TimeLimitRule, WorkingCalendar } from '@hotline/calendar';
import { TenantDb } from '@hotline/platform';
import { loadCalendarSettings, toWorkingCalendar } from '../calendar/calendar';

export const CLOCK_UNITS = ['working-days', 'working-hours', 'calendar-minutes'] as const;
export const COUNTINGS = ['from-receipt', 'from-next-day'] as const;

/** Shared by REST and gRPC (which maps its enums to these strings first). */
export const ComputeDeadlineBody = z
  .object({
    startAt: z
      .string()
      .datetime({ offset: true, message: 'must be an RFC 3339 date-time with offset' })
      .transform((s) => new Date(s))
      // Far-future starts would overflow the calendar's four-digit local dates.
      .refine((d) => d.getUTCFullYear() >= 1970 && d.getUTCFullYear() <= 2999, 'must be between 1970 and 2999'),
    unit: z.enum(CLOCK_UNITS),
    amount: z.number().int().positive().max(10_000),
    counting: z.enum(COUNTINGS).optional(),
  })
  .strict();
export type ComputeDeadline = z.infer<typeof ComputeDeadlineBody>;

export interface Deadline {
  dueAt: string;
  timeZone: string;
  calendarDataComplete: boolean;
}

/** Due instant of a time limit on the tenant's working calendar (national calendar when it has none). */
export async function computeDeadline(db: TenantDb, tenantId: string, input: ComputeDeadline): Promise<Deadline> {
  const calendar = toWorkingCalendar(await db.run(tenantId, (m) => loadCalendarSettings(m, tenantId)));
  const rule: TimeLimitRule =
    input.unit === 'working-days'
      ? { unit: input.unit, amount: input.amount, counting: input.counting }
      : { unit: input.unit, amount: input.amount };
  const due = computeDue(calendar, input.startAt, rule);
  return {
    dueAt: due.toISOString(),
    timeZone: calendar.timeZone,
    calendarDataComplete: hasDataThroughout(calendar, input.startAt, due),
  };
}

/** Whether holiday data exists for every local year from `start` up to the (exclusive) `due`. */
function hasDataThroughout(calendar: WorkingCalendar, start: Date, due: Date): boolean {
  const yearOf = (instant: Date) => Number(calendar.localDateOf(instant).slice(0, 4));
  for (let year = yearOf(start); year <= yearOf(new Date(due.getTime() - 1)); year++)
    if (!calendar.hasDataFor(year)) return false;
  return true;
}
