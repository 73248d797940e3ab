import { z } from 'zod';
import { ALERT_KINDS, ALERT_SEVERITIES } from '@hotline/vocabulary';
import { pageShape } from '@hotline/platform';

/** GET /v1/alerts: newest raised first, a page of them. */
export const ListAlertsQuery = z.object({ kind: z.enum(ALERT_KINDS).optional(), severity: z.enum(ALERT_SEVERITIES).optional(), ...pageShape }).strict();
export type ListAlertsQuery = z.infer<typeof ListAlertsQuery>;

export const AlertIdParams = z.object({ alertId: z.string().uuid() });
