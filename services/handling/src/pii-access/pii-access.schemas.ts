import { z } from 'zod';
import { PageQuery } from '@hotline/platform';
import { PII_ACCESS_PURPOSES } from '@hotline/vocabulary';

const Purpose = z.enum(PII_ACCESS_PURPOSES, {
  errorMap: () => ({ message: `must state why, one of: ${PII_ACCESS_PURPOSES.join(', ')}` }),
});

/** A clear read states its purpose (个人信息保护法第六条), which the access log records. */
export const ClearReadQuery = z.object({ purpose: Purpose }).strict();
export type ClearRead = z.infer<typeof ClearReadQuery>;

const Instant = z
  .string()
  .datetime({ offset: true, message: 'must be an RFC 3339 date-time with offset' })
  .transform((s) => new Date(s));

/** Newest first; `from` inclusive, `to` exclusive. */
export const PiiAccessLogQuery = PageQuery.extend({
  workOrderId: z.string().uuid().optional(),
  requestId: z.string().min(1).max(100).optional(),
  subject: z.string().min(1).max(200).optional().describe('who read'),
  purpose: Purpose.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});
export type PiiAccessLogFilter = z.infer<typeof PiiAccessLogQuery>;
