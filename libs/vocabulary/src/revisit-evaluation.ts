import { Label, oneOf } from './code-list';

/** 是否解决, as the revisit records it (domain.md §9.2). */
export const RESOLUTIONS = ['resolved', 'partly-resolved', 'unresolved'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const isResolution = oneOf(RESOLUTIONS);
export const RESOLUTION_LABELS: Record<Resolution, Label> = {
  resolved: { zh: '解决', en: 'Resolved' },
  'partly-resolved': { zh: '部分解决', en: 'Partly resolved' },
  unresolved: { zh: '未解决', en: 'Unresolved' },
};

/** Who answered the revisit: the requester, or someone else on their line (domain.md §9.2, evaluator flag). */
export const REVISIT_RESPONDENTS = ['requester', 'other'] as const;
export type RevisitRespondent = (typeof REVISIT_RESPONDENTS)[number];
export const REVISIT_RESPONDENT_LABELS: Record<RevisitRespondent, Label> = {
  requester: { zh: '诉求人本人', en: 'The requester' },
  other: { zh: '他人代答', en: 'Someone else' },
};

/**
 * Where a request stands in revisit between its primary answer and its closure: a dissatisfied
 * or unresolved evaluation waits for a reviewer's judgement (合理差评?); a reasonable one sends
 * the primary order back for 重办 and the request waits for its new answer.
 */
export const REVISIT_PROGRESS_STATUSES = ['awaiting-review', 'awaiting-revisit', 'awaiting-judgement', 'redo', 'closed'] as const;
export type RevisitProgressStatus = (typeof REVISIT_PROGRESS_STATUSES)[number];
export const REVISIT_PROGRESS_STATUS_LABELS: Record<RevisitProgressStatus, Label> = {
  'awaiting-review': { zh: '待复核', en: 'Awaiting review' },
  'awaiting-revisit': { zh: '待回访', en: 'Awaiting revisit' },
  'awaiting-judgement': { zh: '差评待认定', en: 'Evaluation awaiting judgement' },
  redo: { zh: '重办中', en: 'Being re-handled' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** A reviewer's judgement of a dissatisfied or unresolved evaluation. */
export const EVALUATION_JUDGEMENTS = ['reasonable', 'unreasonable'] as const;
export type EvaluationJudgement = (typeof EVALUATION_JUDGEMENTS)[number];
export const EVALUATION_JUDGEMENT_LABELS: Record<EvaluationJudgement, Label> = {
  reasonable: { zh: '合理差评（发回重办）', en: 'Reasonable: sent back for re-handling' },
  unreasonable: { zh: '不合理差评（认定后办结）', en: 'Unreasonable: closed with that judgement' },
};
