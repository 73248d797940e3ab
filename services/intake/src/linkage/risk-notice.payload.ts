import { status } from '@grpc/grpc-js';
import { linkageV1 } from '@hotline/contracts';
import { ALERT_KIND_LABELS, ALERT_SEVERITY_LABELS, AlertKind, AlertSeverity, RISK_CATEGORY_LABELS, RiskCategory } from '@hotline/vocabulary';
import { maskedFreeText } from '../requests/free-text';
import type { RequestEntity } from '../requests/request.entity';
import type { RequesterView } from '../requests/requests.views';
import type { RiskNotice } from './risk-notice.repository';

/** How many requests a notice names to 110 (an alert keeps at most 50; their texts would make the call large). */
export const RISK_NOTICE_REQUESTS_SENT = 20;

/** A request's content as 110 gets it: masked, cut to this many characters (code points). */
const CONTENT_CHARS = 500;

const LEVELS: Record<AlertSeverity, linkageV1.RiskLevel> = {
  low: linkageV1.RiskLevel.RISK_LEVEL_LOW,
  medium: linkageV1.RiskLevel.RISK_LEVEL_MEDIUM,
  high: linkageV1.RiskLevel.RISK_LEVEL_HIGH,
  critical: linkageV1.RiskLevel.RISK_LEVEL_CRITICAL,
};

/**
 * The notice's one line for 110's duty desk, from codes and counts only (no requester's words:
 * those travel masked beside it, read from the requests at each attempt), e.g.
 * `风险与舆情预警：群体性、极端；严重；诉求1件；区域320102；类别010101`.
 */
export function riskNoticeSummary(a: {
  alertKind: AlertKind;
  severity: AlertSeverity;
  riskCategories: readonly RiskCategory[];
  requestCount: number;
  areaCode: string | null;
  categoryCode: string | null;
}): string {
  const parts = [
    a.riskCategories.length > 0 ? a.riskCategories.map((c) => RISK_CATEGORY_LABELS[c]?.zh ?? c).join('、') : undefined,
    ALERT_SEVERITY_LABELS[a.severity].zh,
    `诉求${a.requestCount}件`,
    a.areaCode ? `区域${a.areaCode}` : undefined,
    a.categoryCode ? `类别${a.categoryCode}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return `${ALERT_KIND_LABELS[a.alertKind].zh}：${parts.join('；')}`;
}

/** One request behind the notice: its number, masked identity (none when anonymous or 保密) and masked text. */
export function riskRequestOf(request: RequestEntity, requester: RequesterView): linkageV1.RiskRequest {
  const { title, content } = maskedFreeText(request);
  const caller = requester.anonymous || requester.confidential ? undefined : { name: requester.name, phone: requester.phone };
  return {
    requestNumber: request.number,
    requestId: request.id,
    caller,
    title,
    content: Array.from(content).slice(0, CONTENT_CHARS).join(''),
    receivedAt: request.receivedAt.toISOString(),
  };
}

/** The NotifyRisk message of a notice's current revision; a retry of the revision sends the same, but for sentAt. */
export function notifyRiskMessage(notice: RiskNotice, requests: readonly linkageV1.RiskRequest[], sentAt: Date): linkageV1.NotifyRiskRequest {
  return {
    noticeRef: notice.id,
    revision: notice.revision,
    level: LEVELS[notice.severity],
    riskCategories: [...notice.riskCategories],
    alertKind: notice.alertKind,
    summary: notice.summary,
    location: { areaCode: notice.areaCode ?? '', address: '' },
    categoryCode: notice.categoryCode ?? '',
    requestCount: notice.requestCount,
    requests: [...requests],
    raisedAt: notice.raisedAt.toISOString(),
    sentAt: sentAt.toISOString(),
  };
}

/** The wait before the attempt after `failures` failed ones: base × 2ⁿ⁻¹, at most `maxMs`. */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}

/**
 * Answers that another attempt of the same message would get again: 110 refuses it (a field, its
 * certificate pin, a method it does not serve). Anything else — unavailable, a missed deadline,
 * over its rate, an internal error, a socket error without a status — is an outage and retried.
 */
const REFUSALS = new Set<number>([
  status.INVALID_ARGUMENT,
  status.NOT_FOUND,
  status.ALREADY_EXISTS,
  status.PERMISSION_DENIED,
  status.FAILED_PRECONDITION,
  status.OUT_OF_RANGE,
  status.UNIMPLEMENTED,
  status.UNAUTHENTICATED,
]);

export function isRefusal(code: number | undefined): boolean {
  return code !== undefined && REFUSALS.has(code);
}
