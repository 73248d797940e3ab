import { ALERT_SEVERITY_LABELS, LINKAGE_RISK_NOTICE_STATE_LABELS } from '@hotline/vocabulary';
import type { RiskNotice } from './risk-notice.repository';

/** A notice for supervisors: codes, counts, the requests' ids and numbers, and how its delivery went; never a requester's identity. */
export function toRiskNoticeView(n: RiskNotice) {
  return {
    id: n.id,
    alertId: n.alertId,
    alertKind: n.alertKind,
    severity: n.severity,
    severityLabel: ALERT_SEVERITY_LABELS[n.severity],
    riskCategories: n.riskCategories,
    categoryCode: n.categoryCode,
    areaCode: n.areaCode,
    summary: n.summary,
    requestCount: n.requestCount,
    requests: n.requestIds.map((id, i) => ({ id, number: n.requestNumbers[i] || null })),
    revision: n.revision,
    state: n.state,
    stateLabel: LINKAGE_RISK_NOTICE_STATE_LABELS[n.state],
    attempts: n.attempts,
    lastError: n.lastError,
    nextAttemptAt: n.nextAttemptAt?.toISOString() ?? null,
    peer: n.peer,
    counterpartRef: n.counterpartRef,
    sentRevision: n.sentRevision,
    sentAt: n.sentAt?.toISOString() ?? null,
    acknowledgedRevision: n.acknowledgedRevision,
    acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: n.acknowledgedBy,
    acknowledgementNote: n.acknowledgementNote,
    raisedAt: n.raisedAt.toISOString(),
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}
