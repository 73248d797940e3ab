import { Label, oneOf } from './code-list';

/**
 * The platforms 12345 hands matters to or takes them from (domain.md §10): 110 over the gRPC
 * interconnect (国办发〔2022〕12号), 119/120/122 and the utility lines (66号文: 水电气热).
 */
export const LINKAGE_COUNTERPARTS = ['110', '119', '120', '122', 'water', 'power', 'gas', 'heating'] as const;
export type LinkageCounterpart = (typeof LINKAGE_COUNTERPARTS)[number];
export const isLinkageCounterpart = oneOf(LINKAGE_COUNTERPARTS);

export const LINKAGE_COUNTERPART_LABELS: Record<LinkageCounterpart, Label> = {
  '110': { zh: '110 报警服务台', en: '110 police' },
  '119': { zh: '119 消防救援', en: '119 fire and rescue' },
  '120': { zh: '120 急救', en: '120 ambulance' },
  '122': { zh: '122 交通事故报警', en: '122 traffic police' },
  water: { zh: '供水热线', en: 'Water utility line' },
  power: { zh: '供电热线', en: 'Power utility line' },
  gas: { zh: '燃气热线', en: 'Gas utility line' },
  heating: { zh: '供热热线', en: 'Heating utility line' },
};

/** Which way a matter goes: 12345→counterpart (outgoing) or counterpart→12345 (incoming). */
export const LINKAGE_DIRECTIONS = ['outgoing', 'incoming'] as const;
export type LinkageDirection = (typeof LINKAGE_DIRECTIONS)[number];

export const LINKAGE_DIRECTION_LABELS: Record<LinkageDirection, Label> = {
  outgoing: { zh: '12345转出', en: 'From 12345' },
  incoming: { zh: '转入12345', en: 'To 12345' },
};

/** How a matter is handed over (domain.md §10.2; Nanning's four channels). */
export const LINKAGE_METHODS = ['one-key-transfer', 'three-party-call', 'system-push', 'call-guidance'] as const;
export type LinkageMethod = (typeof LINKAGE_METHODS)[number];
export const isLinkageMethod = oneOf(LINKAGE_METHODS);

export const LINKAGE_METHOD_LABELS: Record<LinkageMethod, Label> = {
  'one-key-transfer': { zh: '一键转接', en: 'One-key transfer' },
  'three-party-call': { zh: '三方通话', en: 'Three-party call' },
  'system-push': { zh: '系统推送', en: 'System push (工单流转)' },
  'call-guidance': { zh: '话务引导', en: 'Call guidance' },
};

/**
 * A transfer's state on the 12345 side. Outgoing: offered → accepted (the request closes as
 * referred), or declined / expired (no answer in time) and back with the agent. Incoming:
 * accepted at once (首接先行受理: the matter becomes a request in the normal flow).
 */
export const LINKAGE_TRANSFER_STATES = ['offered', 'accepted', 'declined', 'expired'] as const;
export type LinkageTransferState = (typeof LINKAGE_TRANSFER_STATES)[number];
export const isLinkageTransferState = oneOf(LINKAGE_TRANSFER_STATES);

export const LINKAGE_TRANSFER_STATE_LABELS: Record<LinkageTransferState, Label> = {
  offered: { zh: '已推送待接收', en: 'Offered' },
  accepted: { zh: '已接收', en: 'Accepted' },
  declined: { zh: '已拒收', en: 'Declined' },
  expired: { zh: '超时未接收', en: 'Not answered in time' },
};

/** Why a counterpart declines a matter. */
export const LINKAGE_DECLINE_REASONS = ['not-in-scope', 'insufficient-information', 'duplicate', 'other'] as const;
export type LinkageDeclineReason = (typeof LINKAGE_DECLINE_REASONS)[number];
export const isLinkageDeclineReason = oneOf(LINKAGE_DECLINE_REASONS);

export const LINKAGE_DECLINE_REASON_LABELS: Record<LinkageDeclineReason, Label> = {
  'not-in-scope': { zh: '不属于本平台受理范围', en: 'Not in our scope' },
  'insufficient-information': { zh: '信息不全', en: 'Insufficient information' },
  duplicate: { zh: '重复推送', en: 'Duplicate' },
  other: { zh: '其他', en: 'Other' },
};

/** What the receiving side reports as it handles a matter (status callbacks), in order. */
export const LINKAGE_PROGRESS_STEPS = ['received', 'dispatched', 'handled', 'closed'] as const;
export type LinkageProgressStep = (typeof LINKAGE_PROGRESS_STEPS)[number];
export const isLinkageProgressStep = oneOf(LINKAGE_PROGRESS_STEPS);

export const LINKAGE_PROGRESS_STEP_LABELS: Record<LinkageProgressStep, Label> = {
  received: { zh: '已接收', en: 'Received' },
  dispatched: { zh: '已派单/已派警', en: 'Dispatched' },
  handled: { zh: '已处置', en: 'Handled' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** The platform that took the matter first when a three-party call could not decide (首接先行受理). */
export const LINKAGE_PLATFORMS = ['12345', '110'] as const;
export type LinkagePlatform = (typeof LINKAGE_PLATFORMS)[number];

/** The role of a participant in a three-party call (三方通话: 诉求人 + 12345 + 110). */
export const THREE_PARTY_ROLES = ['caller', '12345-agent', '110-operator'] as const;
export type ThreePartyRole = (typeof THREE_PARTY_ROLES)[number];
export const isThreePartyRole = oneOf(THREE_PARTY_ROLES);

export const THREE_PARTY_ROLE_LABELS: Record<ThreePartyRole, Label> = {
  caller: { zh: '诉求人', en: 'Caller' },
  '12345-agent': { zh: '12345话务员', en: '12345 agent' },
  '110-operator': { zh: '110接警员', en: '110 operator' },
};

/** What came of a hand-off to 119/120/122 or a utility line. */
export const HANDOFF_OUTCOMES = ['delivered', 'failed'] as const;
export type HandoffOutcome = (typeof HANDOFF_OUTCOMES)[number];

export const HANDOFF_OUTCOME_LABELS: Record<HandoffOutcome, Label> = {
  delivered: { zh: '已移交', en: 'Delivered' },
  failed: { zh: '移交失败, 请直接转接', en: 'Failed: transfer the call directly' },
};

/** How a hand-off reaches its counterpart: recorded and logged only (the call itself is transferred), or a webhook. */
export const HANDOFF_ADAPTERS = ['log', 'webhook'] as const;
export type HandoffAdapterKind = (typeof HANDOFF_ADAPTERS)[number];

/**
 * A stability-risk notice to 110 (issue 17, ADR 0036): pending until 110 answers with its
 * receipt (sent), then acknowledged when its duty desk takes it in hand (签收); failed when 110
 * refuses it or the hotline has no 110 peer (kept, and sent again on request). An escalation
 * of its alert makes it pending again, to send the news.
 */
export const LINKAGE_RISK_NOTICE_STATES = ['pending', 'sent', 'acknowledged', 'failed'] as const;
export type LinkageRiskNoticeState = (typeof LINKAGE_RISK_NOTICE_STATES)[number];
export const isLinkageRiskNoticeState = oneOf(LINKAGE_RISK_NOTICE_STATES);

export const LINKAGE_RISK_NOTICE_STATE_LABELS: Record<LinkageRiskNoticeState, Label> = {
  pending: { zh: '待推送', en: 'Pending' },
  sent: { zh: '已推送110', en: 'Sent to 110' },
  acknowledged: { zh: '110已签收', en: 'Acknowledged by 110' },
  failed: { zh: '推送失败', en: 'Failed' },
};
