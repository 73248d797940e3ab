import { Label, oneOf } from './code-list';

/**
 * 持续跟踪: why a request cannot be solved now for objective reasons, so it closes as such with a
 * follow-up date instead of being sent back for 重办 (domain.md §9, §11.2).
 */
export const FOLLOW_UP_REASONS = ['planning', 'funding', 'policy', 'other-objective'] as const;
export type FollowUpReason = (typeof FOLLOW_UP_REASONS)[number];
export const isFollowUpReason = oneOf(FOLLOW_UP_REASONS);
export const FOLLOW_UP_REASON_LABELS: Record<FollowUpReason, Label> = {
  planning: { zh: '受规划限制', en: 'Awaiting planning' },
  funding: { zh: '受资金限制', en: 'Awaiting funding' },
  policy: { zh: '受政策限制', en: 'Awaiting a policy' },
  'other-objective': { zh: '其他客观原因', en: 'Other objective reason' },
};

/**
 * A follow-up's life: scheduled for a date; due when its timer fires (the unit is told to report);
 * reported when the unit has; then the hotline revisits and either ends it or schedules the next.
 */
export const FOLLOW_UP_STATES = ['scheduled', 'due', 'reported', 'ended'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
export const isFollowUpState = oneOf(FOLLOW_UP_STATES);
export const FOLLOW_UP_STATE_LABELS: Record<FollowUpState, Label> = {
  scheduled: { zh: '持续跟踪中', en: 'Scheduled' },
  due: { zh: '待单位报告进展', en: 'Due: awaiting the unit’s progress report' },
  reported: { zh: '待热线回访', en: 'Reported: awaiting the hotline’s revisit' },
  ended: { zh: '跟踪结束', en: 'Ended' },
};
