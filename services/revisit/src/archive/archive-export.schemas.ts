import { z } from 'zod';
import { isIsoDate } from '@hotline/calendar';

// Years the archive can hold (it began in this century); the bound keeps the day after `to` a date.
const Day = z
  .string()
  .refine(isIsoDate, 'must be a date YYYY-MM-DD')
  .refine((d) => d >= '1970-01-01' && d <= '9000-12-31', 'must be a date between 1970-01-01 and 9000-12-31');

/** The query's fields (the OpenAPI document lists them). */
export const ArchiveExportQueryShape = z.object({ from: Day, to: Day }).strict();

/** GET /v1/archive/export: the days (in the tenant's time zone, both included) whose archived records are exported. */
export const ArchiveExportQuery = ArchiveExportQueryShape.refine((q) => !isIsoDate(q.from) || !isIsoDate(q.to) || q.from <= q.to, {
  message: 'must not be after `to`',
  path: ['from'],
});
export type ArchiveExportPeriod = z.infer<typeof ArchiveExportQuery>;
