import { Label, oneOf } from './code-list';

/**
 * When a work order's handling clock (办理时限) starts: at the dispatch (Guangdong's "自收到之日起",
 * the platform's default) or at the unit's sign-for (签收) — never later than the sign-for due, so
 * a unit that signs late gains no time. Tenant configuration (issue 12, domain.md §6).
 */
export const HANDLING_CLOCK_STARTS = ['dispatch', 'sign-for'] as const;
export type HandlingClockStart = (typeof HANDLING_CLOCK_STARTS)[number];
export const isHandlingClockStart = oneOf(HANDLING_CLOCK_STARTS);
export const HANDLING_CLOCK_START_LABELS: Record<HandlingClockStart, Label> = {
  dispatch: { zh: '自派单起计时', en: 'From the dispatch' },
  'sign-for': { zh: '自签收起计时(不晚于签收时限)', en: 'From the sign-for (no later than its due)' },
};

/** Why a unit asks to stop its handling clock (暂停计时 / 挂起), approved by the hotline. */
export const PAUSE_REASONS = ['awaiting-requester', 'awaiting-inspection', 'awaiting-other-authority', 'force-majeure'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const isPauseReason = oneOf(PAUSE_REASONS);
export const PAUSE_REASON_LABELS: Record<PauseReason, Label> = {
  'awaiting-requester': { zh: '等待诉求人补充材料或确认', en: 'Waiting for the requester' },
  'awaiting-inspection': { zh: '等待检验、检测、鉴定结果', en: 'Waiting for an inspection or assessment' },
  'awaiting-other-authority': { zh: '等待其他机关依法作出结论', en: 'Waiting for another authority' },
  'force-majeure': { zh: '不可抗力', en: 'Force majeure' },
};

/** Where a pause stands: asked, the clock stopped (`running` pause), over, or refused. `ended` and `refused` are final. */
export const PAUSE_STATUSES = ['pending', 'running', 'ended', 'refused'] as const;
export type PauseStatus = (typeof PAUSE_STATUSES)[number];
export const isPauseStatus = oneOf(PAUSE_STATUSES);
export const PAUSE_STATUS_LABELS: Record<PauseStatus, Label> = {
  pending: { zh: '待审批', en: 'Pending approval' },
  running: { zh: '暂停计时中', en: 'Clock stopped' },
  ended: { zh: '已恢复计时', en: 'Clock resumed' },
  refused: { zh: '不予暂停', en: 'Refused' },
};

/** How a running pause ended: resumed by a person, at the tenant's longest pause, or by the order's answer or cancellation. */
export const PAUSE_END_KINDS = ['resumed', 'limit-reached', 'order-moved-on'] as const;
export type PauseEndKind = (typeof PAUSE_END_KINDS)[number];
export const PAUSE_END_KIND_LABELS: Record<PauseEndKind, Label> = {
  resumed: { zh: '恢复计时', en: 'Resumed' },
  'limit-reached': { zh: '达到最长暂停时限自动恢复', en: 'Resumed at the longest pause allowed' },
  'order-moved-on': { zh: '工单已答复或结束', en: 'The order was answered or ended' },
};

/** The steps a pause's event announces. */
export const PAUSE_STEPS = ['asked', 'started', 'refused', 'ended'] as const;
export type PauseStep = (typeof PAUSE_STEPS)[number];
