import { Label, oneOf } from './code-list';

/** 诉求类型: the core five of 53号文 and the Beijing 条例, plus 表扬 (DB12/T 1438) and 其他. */
export const REQUEST_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise', 'other'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const isRequestType = oneOf(REQUEST_TYPES);
export const REQUEST_TYPE_LABELS: Record<RequestType, Label> = {
  consultation: { zh: '咨询', en: 'Consultation' },
  help: { zh: '求助', en: 'Request for help' },
  complaint: { zh: '投诉', en: 'Complaint' },
  report: { zh: '举报', en: 'Report' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  praise: { zh: '表扬', en: 'Praise' },
  other: { zh: '其他', en: 'Other' },
};

/** 紧急程度, after Tianjin's 实施细则 tiers (domain.md §5.2). */
export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const isUrgency = oneOf(URGENCIES);
export const URGENCY_LABELS: Record<Urgency, Label> = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '紧急', en: 'Urgent (water, power, gas, heating)' },
  critical: { zh: '特急', en: 'Critical (life or property at risk)' },
};

/** A code from upstream that is not a request type counts as `other` (it never fails a step). */
export function toRequestType(code: string | null | undefined): RequestType {
  return isRequestType(code) ? code : 'other';
}

export function toUrgency(code: string | null | undefined): Urgency {
  return isUrgency(code) ? code : 'normal';
}

/** Kinds of intake channel; a tenant configures its own channels (codes) of these kinds. */
export const CHANNEL_KINDS = ['phone', 'web', 'mobile-app', 'wechat', 'sms', 'email', 'linkage'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const isChannelKind = oneOf(CHANNEL_KINDS);
export const CHANNEL_KIND_LABELS: Record<ChannelKind, Label> = {
  phone: { zh: '电话', en: 'Phone' },
  web: { zh: '网站', en: 'Web' },
  'mobile-app': { zh: '移动应用', en: 'Mobile app' },
  wechat: { zh: '微信', en: 'WeChat' },
  sms: { zh: '短信', en: 'SMS' },
  email: { zh: '邮件/信箱', en: 'E-mail' },
  linkage: { zh: '联动转入', en: 'Linkage (110 and others)' },
};

/** The public online submission arrives through the tenant's channel of this kind. */
export const ONLINE_SUBMISSION_CHANNEL_KIND: ChannelKind = 'web';

/**
 * Scope decision at intake (66号文 (二)): in scope, answered at once, one of four out-of-scope
 * outcomes, or a repeat of a matter already terminated (诉求终结, domain.md §11.3), answered with
 * that termination's legal route.
 */
export const SCOPE_DECISIONS = [
  'in-scope',
  'direct-answer',
  'transfer-emergency',
  'legal-route',
  'explained',
  'refer-police',
  'terminated-matter',
] as const;
export type ScopeDecision = (typeof SCOPE_DECISIONS)[number];
export const isScopeDecision = oneOf(SCOPE_DECISIONS);
export const SCOPE_DECISION_LABELS: Record<ScopeDecision, Label> = {
  'in-scope': { zh: '受理派单', en: 'In scope' },
  'direct-answer': { zh: '直接办理', en: 'Answered directly' },
  'transfer-emergency': { zh: '转紧急热线', en: 'Transferred to 110/119/120/122' },
  'legal-route': { zh: '告知法定途径', en: 'Told the legal route' },
  explained: { zh: '解释说明', en: 'Explained' },
  'refer-police': { zh: '移送公安', en: 'Referred to the police' },
  'terminated-matter': { zh: '已终结事项告知', en: 'Told the matter was terminated' },
};
export const OUT_OF_SCOPE_DECISIONS: readonly ScopeDecision[] = ['transfer-emergency', 'legal-route', 'explained', 'refer-police', 'terminated-matter'];
