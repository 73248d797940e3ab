import { Label, oneOf } from './code-list';

/** What an early-warning alert of analytics is about. */
export const ALERT_KINDS = ['surge', 'risk'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const isAlertKind = oneOf(ALERT_KINDS);
export const ALERT_KIND_LABELS: Record<AlertKind, Label> = {
  surge: { zh: '热点激增预警', en: 'Hotspot surge' },
  risk: { zh: '风险与舆情预警', en: 'Risk and public opinion' },
};

/** Severities of an alert, lowest first (the order is used: an alert escalates, never de-escalates). */
export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const isAlertSeverity = oneOf(ALERT_SEVERITIES);
export const ALERT_SEVERITY_LABELS: Record<AlertSeverity, Label> = {
  low: { zh: '一般', en: 'Low' },
  medium: { zh: '较重', en: 'Medium' },
  high: { zh: '严重', en: 'High' },
  critical: { zh: '特别严重', en: 'Critical' },
};
export function severityRank(severity: AlertSeverity): number {
  return ALERT_SEVERITIES.indexOf(severity);
}

/**
 * Where an alert stands with the hotline: open, or acknowledged by a supervisor (who takes it
 * on). A surge that rises in severity after its acknowledgement reopens it.
 */
export const ALERT_STATES = ['open', 'acknowledged'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const isAlertState = oneOf(ALERT_STATES);
export const ALERT_STATE_LABELS: Record<AlertState, Label> = {
  open: { zh: '待处理', en: 'Open' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
};

/** Risk and public-opinion (舆情) pattern groups; a tenant adds its own under `custom`. */
export const RISK_CATEGORIES = ['mass-incident', 'extreme', 'work-safety', 'media', 'escalation', 'custom'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];
export const isRiskCategory = oneOf(RISK_CATEGORIES);
export const RISK_CATEGORY_LABELS: Record<RiskCategory, Label> = {
  'mass-incident': { zh: '群体性', en: 'Mass incident' },
  extreme: { zh: '极端', en: 'Extreme act' },
  'work-safety': { zh: '安全生产', en: 'Work safety' },
  media: { zh: '媒体', en: 'Media' },
  escalation: { zh: '诉求升级', en: 'Escalation' },
  custom: { zh: '自定义', en: 'Tenant-defined' },
};

/** The state of one webhook delivery of an alert. */
export const ALERT_DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type AlertDeliveryState = (typeof ALERT_DELIVERY_STATES)[number];
export const ALERT_DELIVERY_STATE_LABELS: Record<AlertDeliveryState, Label> = {
  pending: { zh: '待投递', en: 'Pending' },
  delivered: { zh: '已投递', en: 'Delivered' },
  failed: { zh: '投递失败', en: 'Failed' },
};
