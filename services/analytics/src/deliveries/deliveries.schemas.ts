import { z } from 'zod';
import { ALERT_KINDS, ALERT_SEVERITIES } from '@hotline/vocabulary';
import { pageShape } from '@hotline/platform';

export const EndpointNameParams = z.object({ name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single dashes').max(60) });

/** PUT /v1/alert-endpoints/{name}: a webhook receiver of the tenant's alerts. */
export const AlertEndpointBody = z
  .object({
    url: z
      .string()
      .max(2000)
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
    /** HMAC-SHA256 key the receiver checks signatures with; write-only (never shown again). */
    secret: z.string().min(16).max(200),
    kinds: z.array(z.enum(ALERT_KINDS)).min(1).max(ALERT_KINDS.length),
    minSeverity: z.enum(ALERT_SEVERITIES),
    active: z.boolean(),
  })
  .strict();
export type AlertEndpointBody = z.infer<typeof AlertEndpointBody>;

export const ListDeliveriesQuery = z.object({ alertId: z.string().uuid().optional(), ...pageShape }).strict();
export const DeliveryIdParams = z.object({ deliveryId: z.string().uuid() });
