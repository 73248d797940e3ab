import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { createWorkingCalendar, DEFAULT_TIME_ZONE, isIsoDate, normalizeTimeZone, WorkingCalendar } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import { TenantCalendarEntity } from './tenant-calendar.entity';

// Bounded well below the calendar library's 370-day limit on consecutive days off.
const MAX_DATES = 200;

const TimeZone = z.string().transform((zone, ctx) => {
  try {
    return normalizeTimeZone(zone);
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an IANA time zone such as Asia/Shanghai' });
    return z.NEVER;
  }
});

const LocalDates = z
  .array(z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD'))
  .max(MAX_DATES)
  .transform((dates) => [...new Set(dates)].sort());

/** PUT replaces the whole calendar: an omitted field takes its national default. */
export const PutCalendarBody = z
  .object({
    timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
    extraHolidays: LocalDates.default([]),
    extraWorkingDays: LocalDates.default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const both = c.extraWorkingDays.filter((date) => c.extraHolidays.includes(date));
    if (both.length > 0)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['extraWorkingDays'], message: `also in extraHolidays: ${both.join(', ')}` });
  });
export type PutCalendar = z.infer<typeof PutCalendarBody>;

export interface CalendarSettings {
  timeZone: string;
  extraHolidays: string[];
  extraWorkingDays: string[];
  /** Null while the tenant uses the national calendar unchanged. */
  updatedAt: Date | null;
}

const NATIONAL: CalendarSettings = { timeZone: DEFAULT_TIME_ZONE, extraHolidays: [], extraWorkingDays: [], updatedAt: null };

export async function loadCalendarSettings(manager: EntityManager, tenantId: string): Promise<CalendarSettings> {
  return (await manager.getRepository(TenantCalendarEntity).findOneBy({ tenantId })) ?? NATIONAL;
}

export function toWorkingCalendar(s: CalendarSettings): WorkingCalendar {
  return createWorkingCalendar({ timeZone: s.timeZone, extraHolidays: s.extraHolidays, extraWorkingDays: s.extraWorkingDays });
}

export function toCalendarView(s: CalendarSettings) {
  return {
    timeZone: s.timeZone,
    extraHolidays: s.extraHolidays,
    extraWorkingDays: s.extraWorkingDays,
    updatedAt: s.updatedAt?.toISOString() ?? null,
  };
}

/** Replaces the tenant's calendar and records CalendarChanged in the caller's tenant transaction. */
export async function putCalendar(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  input: PutCalendar,
): Promise<CalendarSettings> {
  const repo = manager.getRepository(TenantCalendarEntity);
  const calendar = repo.create({ tenantId, ...input, updatedAt: new Date() });
  await repo.upsert(calendar, ['tenantId']);
  await outbox.append(manager, {
    event: Events.handling.calendarChanged,
    tenantId,
    aggregateType: 'calendar',
    aggregateId: tenantId,
    payload: { ...input, changedAt: calendar.updatedAt.toISOString() },
  });
  return calendar;
}
