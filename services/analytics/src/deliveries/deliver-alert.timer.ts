import { onTimer, safeErrorText } from '@hotline/platform';
import { analyticsConfigSchema } from '../config';
import { DELIVERY_TIMER, findDelivery, findEndpoint, recordAttempt } from './deliveries.repository';
import { signWebhook, SIGNATURE_HEADER } from './webhook-signature';

const HOUR_MS = 3_600_000;

/**
 * One attempt of a webhook delivery, on the durable timers (so a restart loses none and two
 * replicas never send one attempt twice): POST the signed body, log the outcome, and on
 * failure schedule the next attempt with exponential backoff. A 2xx answer is delivered.
 */
export const deliverAlertTimer = onTimer(DELIVERY_TIMER, async (timer, manager, ctx) => {
  const config = analyticsConfigSchema.parse(ctx.serviceConfig);
  const deliveryId = String(timer.payload.deliveryId ?? '');
  const delivery = await findDelivery(manager, timer.tenantId, deliveryId, true);
  if (!delivery || delivery.state !== 'pending') return;
  const endpoint = await findEndpoint(manager, timer.tenantId, delivery.endpointName);
  if (!endpoint || !endpoint.active) {
    await recordAttempt(manager, timer.tenantId, delivery, { status: null, error: 'endpoint removed or inactive', delivered: false, nextAt: null });
    return;
  }
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(endpoint.secret, delivery.body, new Date()),
        'x-hotline-delivery': delivery.deliveryId,
        'x-hotline-event': delivery.eventType,
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(config.ALERT_DELIVERY_TIMEOUT_MS),
    });
    status = res.status;
    await res.body?.cancel();
    if (res.status < 200 || res.status > 299) error = `receiver answered ${res.status}`;
  } catch (err) {
    error = safeErrorText(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  }
  const delivered = error === null;
  const attempt = delivery.attempts + 1;
  const nextAt =
    delivered || attempt >= config.ALERT_DELIVERY_MAX_ATTEMPTS
      ? null
      : new Date(Date.now() + Math.min(HOUR_MS, config.ALERT_DELIVERY_RETRY_BASE_MS * 2 ** (attempt - 1)));
  await recordAttempt(manager, timer.tenantId, delivery, { status, error, delivered, nextAt });
});
