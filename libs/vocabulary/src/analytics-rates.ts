import { Label, oneOf } from './code-list';
import { RESOLUTION_LABELS, RESOLUTIONS } from './revisit-evaluation';
import { SATISFACTION_LABELS, SATISFACTION_LEVELS } from './revisits';

/**
 * The rates a supervisor drills into from the dashboard (三率): 响应率 counts work orders, 解决率
 * and 满意率 count each request's latest revisit (analytics' RATE_FORMULAS).
 */
export const DRILL_DOWN_RATES = ['response', 'resolution', 'satisfaction'] as const;
export type DrillDownRate = (typeof DRILL_DOWN_RATES)[number];
export const isDrillDownRate = oneOf(DRILL_DOWN_RATES);
export const DRILL_DOWN_RATE_LABELS: Record<DrillDownRate, Label> = {
  response: { zh: '响应率', en: 'Response rate' },
  resolution: { zh: '解决率', en: 'Resolution rate' },
  satisfaction: { zh: '满意率', en: 'Satisfaction rate' },
};

/**
 * Which facts of one cell of a rate: those its numerator counts, those its denominator counts
 * (the numerator's among them), or those of the cell its denominator leaves out, each with why.
 */
export const DRILL_DOWN_OUTCOMES = ['numerator', 'denominator', 'excluded'] as const;
export type DrillDownOutcome = (typeof DRILL_DOWN_OUTCOMES)[number];
export const DRILL_DOWN_OUTCOME_LABELS: Record<DrillDownOutcome, Label> = {
  numerator: { zh: '分子', en: 'Numerator' },
  denominator: { zh: '分母', en: 'Denominator' },
  excluded: { zh: '未计入', en: 'Left out' },
};

/** Where a work order stands for 响应率 (签收). */
export const SIGN_FOR_RESULTS = ['signed-on-time', 'signed-late', 'unsigned-past-due', 'unsigned', 'cancelled'] as const;
export type SignForResult = (typeof SIGN_FOR_RESULTS)[number];
export const SIGN_FOR_RESULT_LABELS: Record<SignForResult, Label> = {
  'signed-on-time': { zh: '按时签收', en: 'Signed on time' },
  'signed-late': { zh: '超时签收', en: 'Signed late' },
  'unsigned-past-due': { zh: '超期未签收', en: 'Unsigned past due' },
  unsigned: { zh: '未签收（未到期）', en: 'Unsigned, not due yet' },
  cancelled: { zh: '签收期限前取消', en: 'Cancelled before its due' },
};

/** What one fact of a drill-down shows: an order's sign-for, or a revisit's answers (解决 / 满意), 未评价, 未回访. */
export const RATE_FACT_RESULTS = [...SIGN_FOR_RESULTS, ...RESOLUTIONS, ...SATISFACTION_LEVELS, 'unrated', 'skipped'] as const;
export type RateFactResult = (typeof RATE_FACT_RESULTS)[number];
export const isRateFactResult = oneOf(RATE_FACT_RESULTS);
export const RATE_FACT_RESULT_LABELS: Record<RateFactResult, Label> = {
  ...SIGN_FOR_RESULT_LABELS,
  ...RESOLUTION_LABELS,
  ...SATISFACTION_LABELS,
  unrated: { zh: '未评价', en: 'Not rated' },
  skipped: { zh: '未回访', en: 'No revisit' },
};

/** Why a fact of a cell is in no denominator of its rate. */
export const RATE_EXCLUSION_REASONS = ['terminated', 'not-due-yet', 'cancelled-before-due', 'skipped', 'unrated', 'unreasonable'] as const;
export type RateExclusionReason = (typeof RATE_EXCLUSION_REASONS)[number];
export const RATE_EXCLUSION_REASON_LABELS: Record<RateExclusionReason, Label> = {
  terminated: { zh: '诉求终结（不计入）', en: 'Terminated request, left out' },
  'not-due-yet': { zh: '签收期限未到', en: 'Sign-for not due yet' },
  'cancelled-before-due': { zh: '期限前取消', en: 'Cancelled before its due' },
  skipped: { zh: '未回访', en: 'No revisit' },
  unrated: { zh: '未评价（非有效参评）', en: 'Not rated, no valid evaluation' },
  unreasonable: { zh: '不合理差评（不计入）', en: 'Judged unreasonable, left out' },
};
