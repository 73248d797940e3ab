import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { REPORT_PERIODS } from '@hotline/vocabulary';
import { Day } from '../common/day-range.schemas';

/** POST /v1/reports: the period's kind and any local day within it (normalised to the period's first day). */
export const GenerateReportBody = z.object({ period: z.enum(REPORT_PERIODS), date: Day }).strict();
export type GenerateReportBody = z.infer<typeof GenerateReportBody>;

/** GET /v1/reports: the latest period first, a page of them. */
export const ListReportsQuery = z.object({ period: z.enum(REPORT_PERIODS).optional(), ...pageShape }).strict();
export type ListReportsQuery = z.infer<typeof ListReportsQuery>;

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const REF = new RegExp(`^(${UUID})(\\.csv|\\.json)?$`);

/** `{id}` or `{id}.csv` (or `.json`) in GET /v1/reports/{ref}. */
export const ReportRefParams = z
  .object({ ref: z.string().regex(REF, 'a report id, optionally followed by .csv or .json') })
  .transform(({ ref }) => {
    const [, id, extension] = REF.exec(ref) as RegExpExecArray;
    return { id: id as string, format: extension === '.csv' ? ('csv' as const) : undefined };
  });

export const ReportFormatQuery = z.object({ format: z.enum(['json', 'csv']).optional() }).strict();

export const ReportIdParams = z.object({ id: z.string().uuid() });
