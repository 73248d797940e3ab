import { SourcedYear } from '@hotline/handling-domain';
import type { CalendarSettings } from './calendar.repository';
import type { YearLoaded } from './load-holiday-year.command';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function toCalendarView(s: CalendarSettings) {
  return {
    timeZone: s.timeZone,
    extraHolidays: s.extraHolidays,
    extraWorkingDays: s.extraWorkingDays,
    updatedAt: iso(s.updatedAt),
  };
}

export function toYearLoadedView(loaded: YearLoaded) {
  return {
    year: loaded.year,
    notice: loaded.notice,
    source: loaded.scope,
    recomputedWorkOrders: loaded.recomputedWorkOrders,
    loadedAt: loaded.loadedAt.toISOString(),
    loadedBy: loaded.loadedBy,
  };
}

export interface CalendarStatus {
  timeZone: string;
  years: readonly SourcedYear[];
  missingYears: readonly number[];
  provisionalOpenWorkOrders: number;
}

export function toCalendarStatusView(status: CalendarStatus) {
  return {
    timeZone: status.timeZone,
    years: status.years.map((y) => ({
      year: y.data.year,
      source: y.source,
      notice: y.data.notice,
      holidays: y.data.holidays.length,
      loadedAt: iso(y.loadedAt),
    })),
    missingYears: [...status.missingYears],
    provisionalOpenWorkOrders: status.provisionalOpenWorkOrders,
  };
}
