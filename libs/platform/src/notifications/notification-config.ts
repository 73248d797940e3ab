import { z } from 'zod';
import type { EventDefinition } from '@hotline/contracts';
import { NOTIFICATION_ADAPTERS } from '@hotline/vocabulary';
import { ConfigError } from '../config/config';
import type { ServiceContext } from '../service/service-context';
import type { NotificationRequestedPayload } from './log-and-outbox.sender';
import { LogAndOutboxSender } from './log-and-outbox.sender';
import { NotificationRelay } from './relay';
import type { NotificationSender } from './sender';
import { WebhookSender } from './webhook.sender';

const httpUrl = z.string().refine((v) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, 'must be an http(s) URL');

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');

/**
 * The variables of a service that sends notifications (ADR 0029), with their defaults. The same
 * for every tenant of the service: the gateway is the province operator's infrastructure.
 */
export const notificationConfigShape = {
  /** log-and-outbox (default: logged and announced as NotificationRequested for a gateway that subscribes) or webhook. */
  NOTIFY_ADAPTER: z.enum(NOTIFICATION_ADAPTERS).default('log-and-outbox'),
  /** Where the webhook adapter POSTs (required with it). */
  NOTIFY_WEBHOOK_URL: httpUrl.optional(),
  /** The HMAC-SHA256 key the webhook's x-hotline-signature is made with (required with it; a Secret). */
  NOTIFY_WEBHOOK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** How long one webhook call may take before it counts as failed and is retried. */
  NOTIFY_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Whether a requester's SMS carries the phone in clear to the webhook (an SMS gateway needs it); false sends it masked only. */
  NOTIFY_WEBHOOK_CLEAR_PHONE: flag('true'),
  /** The first retry's wait after a failed delivery; it doubles up to NOTIFY_RETRY_MAX_MS, for as long as it takes. */
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  NOTIFY_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(15 * 60_000),
  /** How often the relay looks for due notifications when no commit wakes it. */
  NOTIFY_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
};

export type NotificationConfig = z.infer<z.ZodObject<typeof notificationConfigShape>>;

/** The configured sender: the webhook needs its URL and secret, stated at start-up (exit 78) when missing. */
export function notificationSenderOf(ctx: ServiceContext, event: EventDefinition<NotificationRequestedPayload>): NotificationSender {
  const c = ctx.serviceConfig as Partial<NotificationConfig>;
  if (!c.NOTIFY_ADAPTER) throw new Error('the service configuration lacks notificationConfigShape');
  if (c.NOTIFY_ADAPTER === 'log-and-outbox') return new LogAndOutboxSender(ctx.logger, event);
  const missing = (['NOTIFY_WEBHOOK_URL', 'NOTIFY_WEBHOOK_SECRET'] as const).filter((k) => !c[k]);
  if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required when NOTIFY_ADAPTER=webhook`));
  return new WebhookSender({
    url: c.NOTIFY_WEBHOOK_URL as string,
    secret: c.NOTIFY_WEBHOOK_SECRET as string,
    timeoutMs: c.NOTIFY_WEBHOOK_TIMEOUT_MS ?? 5_000,
    clearRequesterPhone: c.NOTIFY_WEBHOOK_CLEAR_PHONE ?? true,
  });
}

/**
 * The service's notification relay, as a background worker of its definition: the configured
 * sender, the service's outbox for log-and-outbox's announcements, the tenant's time zone for the
 * wording, and — for the service that owns personal addresses — how to open one.
 */
export function notificationRelayOf(
  ctx: ServiceContext,
  event: EventDefinition<NotificationRequestedPayload>,
  openAddress?: (tenantId: string, ciphertext: Buffer) => string,
): NotificationRelay {
  const c = ctx.serviceConfig as NotificationConfig;
  const sender = notificationSenderOf(ctx, event);
  const timeoutMs = c.NOTIFY_WEBHOOK_TIMEOUT_MS ?? 5_000;
  return new NotificationRelay(ctx.dataSource, sender, ctx.logger, ctx.metrics, {
    pollMs: c.NOTIFY_POLL_MS,
    retry: { baseMs: c.NOTIFY_RETRY_BASE_MS, maxMs: Math.max(c.NOTIFY_RETRY_BASE_MS, c.NOTIFY_RETRY_MAX_MS) },
    // Well beyond one call's timeout, so a slow call is never sent twice by another replica.
    leaseMs: Math.max(30_000, 3 * timeoutMs),
    outbox: ctx.outbox,
    timeZoneOf: async (tenantId) => (await ctx.tenants.find(tenantId))?.timeZone,
    openAddress,
  });
}
