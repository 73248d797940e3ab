import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isIsoDate, normalizeTimeZone, YearHolidayData } from '@hotline/calendar';
import { holidayYearIssues, LOADABLE_YEARS, MAX_PERIOD_DAYS, toYearHolidayData } from '@hotline/handling-domain';
import { FieldError, fieldErrors } from '@hotline/platform';

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

/**
 * PUT replaces the whole calendar: an omitted field takes its national default, so `{}` says
 * "the national calendar unchanged"; a missing or null body says nothing and is refused.
 */
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

/** `GET /v1/calendar/days?month=YYYY-MM`: a month of the loadable years. */
export const CalendarMonthQuery = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
      .refine((m) => Number(m.slice(0, 4)) >= LOADABLE_YEARS.min && Number(m.slice(0, 4)) <= LOADABLE_YEARS.max, `the year must be ${LOADABLE_YEARS.min}…${LOADABLE_YEARS.max}`),
  })
  .strict();

export const HolidayYearParam = z.coerce
  .number({ invalid_type_error: 'must be a year' })
  .int()
  .min(LOADABLE_YEARS.min)
  .max(LOADABLE_YEARS.max);

// The shape only: whether it is a real date, and in the year, is the domain's rule below.
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const HolidayPeriodBody = z
  .object({
    name: z.string().trim().min(1).max(50).describe('as the notice writes it, e.g. 春节'),
    nameEn: z.string().trim().min(1).max(100).optional(),
    from: DateText.describe('first day off'),
    to: DateText.describe(`last day off (inclusive); a period is 1…${MAX_PERIOD_DAYS} days`),
    makeUpWorkdays: z.array(DateText).max(10).default([]).describe('调休: weekend days worked for this holiday'),
  })
  .strict();

/** A year as the State Council notice sets it (the body of PUT /v1/calendar/years/{year}, the province file). */
export const HolidayYearBody = z
  .object({
    year: z.number().int().optional().describe('when given, the year of the path (or of --year)'),
    notice: z.string().trim().min(1).max(200).describe('the notice reference, e.g. 国办发明电〔2025〕7号'),
    holidays: z.array(HolidayPeriodBody).min(1).max(30),
  })
  .strict();

export type HolidayYearParsed = { success: true; data: YearHolidayData } | { success: false; errors: FieldError[] };

/**
 * The body of a year, checked first for its shape, then (when well-formed) against the rules of
 * `year`, and made the calendar's year data; every error names its field.
 */
export function parseHolidayYear(year: number, input: unknown): HolidayYearParsed {
  const shape = HolidayYearBody.safeParse(input ?? {});
  if (!shape.success) return { success: false, errors: fieldErrors(shape.error) };
  const issues = holidayYearIssues(year, shape.data);
  if (issues.length > 0) return { success: false, errors: issues.map((i) => ({ field: i.path.join('.'), message: i.message })) };
  return { success: true, data: toYearHolidayData(year, shape.data) };
}
