import { z } from 'zod';
import { isIsoDate } from '@hotline/calendar';

/** A local day of the tenant (its time zone, ADR 0038), a real calendar date: 2025-02-30 is refused with a 400, never cast by SQL. */
export const Day = z.string().refine(isIsoDate, 'a date YYYY-MM-DD');

/** Inclusive bounds of local days (YYYY-MM-DD); a missing bound is unbounded. */
export interface DayRange {
  from?: string;
  to?: string;
}

/** Optional inclusive bounds of local days, as every analytics query takes them. */
export const dayRangeShape = { from: Day.optional(), to: Day.optional() };

/** Refuses a range that ends before it starts, naming `to`. */
export function inOrder<S extends z.ZodType<{ from?: string; to?: string }>>(schema: S): z.ZodEffects<S> {
  return schema.refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] }) as z.ZodEffects<S>;
}
