import type { analyticsEventsV1 } from '@hotline/contracts';
import { ALERT_KIND_LABELS, ALERT_SEVERITY_LABELS, ALERT_STATE_LABELS } from '@hotline/vocabulary';
import type { AlertRecord } from './alerts.repository';

/** The alert as events and webhooks carry it: codes, counts and request ids, never text. */
export function alertMessage(a: AlertRecord): analyticsEventsV1.Alert {
  return {
    alertId: a.alertId,
    kind: a.kind,
    severity: a.severity,
    categoryCode: a.categoryCode ?? '',
    areaCode: a.areaCode ?? '',
    count: String(a.count),
    expected: a.expected,
    threshold: String(a.threshold),
    windowStart: a.windowStart.toISOString(),
    windowEnd: a.windowEnd.toISOString(),
    requestIds: a.requestIds,
    riskCategories: a.riskCategories,
    stabilityRisk: a.stabilityRisk,
    raisedAt: a.raisedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** The alert as webhooks carry it (and the base of the API's view): no acknowledgement, whose note stays in the console. */
export function toAlertView(a: AlertRecord) {
  return {
    alertId: a.alertId,
    kind: a.kind,
    kindLabel: ALERT_KIND_LABELS[a.kind],
    severity: a.severity,
    severityLabel: ALERT_SEVERITY_LABELS[a.severity],
    categoryCode: a.categoryCode,
    areaCode: a.areaCode,
    count: a.count,
    expected: Math.round(a.expected * 1000) / 1000,
    threshold: a.threshold,
    baselineSource: a.baselineSource,
    windowStart: a.windowStart.toISOString(),
    windowEnd: a.windowEnd.toISOString(),
    requestIds: a.requestIds,
    riskCodes: a.riskCodes,
    riskCategories: a.riskCategories,
    stabilityRisk: a.stabilityRisk,
    raisedAt: a.raisedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    links: {
      self: `/v1/alerts/${a.alertId}`,
      deliveries: `/v1/alert-deliveries?alertId=${a.alertId}`,
    },
  };
}

/**
 * GET /v1/alerts, /v1/alerts/{id}: the alert with where it stands — state, the latest
 * acknowledgement (who, when, at which severity, the masked note; kept when a rise in severity
 * reopened it since) and when it was reopened.
 */
export function toAlertApiView(a: AlertRecord) {
  const base = toAlertView(a);
  return {
    ...base,
    state: a.state,
    stateLabel: ALERT_STATE_LABELS[a.state],
    acknowledgement: a.acknowledgement
      ? { at: a.acknowledgement.at.toISOString(), by: a.acknowledgement.by, severity: a.acknowledgement.severity, note: a.acknowledgement.note }
      : null,
    reopenedAt: a.reopenedAt?.toISOString() ?? null,
    links: { ...base.links, acknowledge: `/v1/alerts/${a.alertId}/acknowledge` },
  };
}
