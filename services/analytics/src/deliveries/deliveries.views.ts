import { ALERT_DELIVERY_STATE_LABELS } from '@hotline/vocabulary';
import type { AlertEndpoint, AttemptRecord, DeliveryRecord } from './deliveries.repository';

/** An endpoint without its secret: the secret is write-only. */
export function toEndpointView(e: AlertEndpoint) {
  return { name: e.name, url: e.url, kinds: e.kinds, minSeverity: e.minSeverity, active: e.active, updatedAt: e.updatedAt.toISOString() };
}

export function toDeliveryView(d: DeliveryRecord, attempts?: AttemptRecord[]) {
  return {
    deliveryId: d.deliveryId,
    alertId: d.alertId,
    endpointName: d.endpointName,
    eventType: d.eventType,
    state: d.state,
    stateLabel: ALERT_DELIVERY_STATE_LABELS[d.state],
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    ...(attempts
      ? { log: attempts.map((a) => ({ attempt: a.attempt, attemptedAt: a.attemptedAt.toISOString(), status: a.status, error: a.error })) }
      : {}),
  };
}
