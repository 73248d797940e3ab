export { CalendarCoverageError, CalendarError, CalendarInputError } from './errors';
export { addDays, assertIsoDate, dayOfWeek, isIsoDate, type IsoDate } from './local-date';
export {
  NATIONAL_HOLIDAYS_2025,
  NATIONAL_HOLIDAYS_2026,
  NATIONAL_HOLIDAY_DATA,
  type HolidayPeriod,
  type YearHolidayData,
} from './national-holidays';
export {
  DEFAULT_TIME_ZONE,
  localDateOf,
  normalizeTimeZone,
  startOfLocalDay,
  zonedParts,
  zonedTimeToInstant,
  type ZonedParts,
} from './zoned-time';
export {
  DEFAULT_WORKING_PERIODS,
  MAX_NON_WORKING_RUN,
  WorkingCalendar,
  createWorkingCalendar,
  type DateOverride,
  type DayInfo,
  type DayKind,
  type DaySource,
  type Interval,
  type WorkingCalendarOptions,
  type WorkingPeriod,
  type WorkingPeriodInput,
} from './working-calendar';
export {
  addCalendarMinutes,
  addWorkingDays,
  addWorkingHours,
  computeDue,
  isOverdue,
  lastWorkingDay,
  remaining,
  workingHoursBetween,
  workingMsBetween,
  type Remaining,
  type TimeLimitRule,
} from './deadlines';
