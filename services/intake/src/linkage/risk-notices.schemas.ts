import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { LINKAGE_RISK_NOTICE_STATES } from '@hotline/vocabulary';

/** GET /v1/linkage/risk-notices: newest first, by state or by analytics' alert. */
export const ListRiskNoticesQuery = z
  .object({
    state: z.enum(LINKAGE_RISK_NOTICE_STATES).optional(),
    /** The alert of analytics the notice came from (GET /v1/alerts/{id} there). */
    alertId: z.string().trim().min(1).max(100).optional(),
    ...pageShape,
  })
  .strict();
export type ListRiskNotices = z.infer<typeof ListRiskNoticesQuery>;

export const RiskNoticeIdParam = z.string().uuid();
