/** Base class of every error thrown by @hotline/calendar. */
export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Invalid argument or configuration: malformed ISO date, unknown time zone, bad amount, bad period... */
export class CalendarInputError extends CalendarError {}

/**
 * Thrown (only by calendars created with `strict: true`) when a date falls in a year for which the
 * calendar has no holiday data, so the answer would be a plain Monday–Friday guess.
 */
export class CalendarCoverageError extends CalendarError {
  constructor(
    readonly year: number,
    readonly date: string,
  ) {
    super(`no holiday data for year ${year} (date ${date}); add the year's notice to the calendar`);
  }
}
