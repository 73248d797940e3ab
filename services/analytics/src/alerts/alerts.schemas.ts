import { z } from 'zod';
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATES } from '@hotline/vocabulary';
import { pageShape } from '@hotline/platform';

/** GET /v1/alerts: newest raised first, a page of them. */
export const ListAlertsQuery = z
  .object({
    kind: z.enum(ALERT_KINDS).optional(),
    severity: z.enum(ALERT_SEVERITIES).optional(),
    state: z.enum(ALERT_STATES).optional().describe('open (never acknowledged, or reopened by a rise in severity) or acknowledged'),
    ...pageShape,
  })
  .strict();
export type ListAlertsQuery = z.infer<typeof ListAlertsQuery>;

export const AlertIdParams = z.object({ alertId: z.string().uuid() });

/** POST /v1/alerts/{alertId}/acknowledge: the supervisor's note, optional. */
export const AcknowledgeAlertBody = z
  .object({ note: z.string().max(500, 'at most 500 characters').optional().describe('What the supervisor does about it (personal data in it is masked)') })
  .strict();
export type AcknowledgeAlertBody = z.infer<typeof AcknowledgeAlertBody>;
