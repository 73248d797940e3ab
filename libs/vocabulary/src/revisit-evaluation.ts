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

/**
 * Who answered the revisit: the requester, or someone else on their line (domain.md §9.2,
 * evaluator flag), or the hotline itself checking an anonymous request (Bengbu [S33]): nobody
 * was asked, so that one records no satisfaction (未评价) and is no evaluation for 满意率.
 */
export const REVISIT_RESPONDENTS = ['requester', 'other', 'hotline'] as const;
export type RevisitRespondent = (typeof REVISIT_RESPONDENTS)[number];
export const REVISIT_RESPONDENT_LABELS: Record<RevisitRespondent, Label> = {
  requester: { zh: '诉求人本人', en: 'The requester' },
  other: { zh: '他人代答', en: 'Someone else' },
  hotline: { zh: '热线自行核查', en: 'Checked by the hotline itself' },
};

/**
 * What a tenant's revisit rule does with an anonymous request (nobody to contact): skip its
 * revisit (as before), or have the hotline check the matter itself (Bengbu [S33], domain.md §9.1).
 */
export const ANONYMOUS_REVISITS = ['skip', 'hotline-check'] as const;
export type AnonymousRevisit = (typeof ANONYMOUS_REVISITS)[number];
export const isAnonymousRevisit = oneOf(ANONYMOUS_REVISITS);
export const ANONYMOUS_REVISIT_LABELS: Record<AnonymousRevisit, Label> = {
  skip: { zh: '匿名诉求不回访', en: 'Skip the revisit' },
  'hotline-check': { zh: '匿名诉求由热线自行核查', en: 'The hotline checks it itself' },
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

/**
 * A reviewer's judgement of a dissatisfied or unresolved evaluation. `follow-up` (持续跟踪): the
 * complaint is fair but the matter cannot be solved now for an objective reason (planning,
 * funding, policy): no 重办, the request closes with a follow-up date instead.
 */
export const EVALUATION_JUDGEMENTS = ['reasonable', 'unreasonable', 'follow-up'] as const;
export type EvaluationJudgement = (typeof EVALUATION_JUDGEMENTS)[number];
export const isEvaluationJudgement = oneOf(EVALUATION_JUDGEMENTS);
export const EVALUATION_JUDGEMENT_LABELS: Record<EvaluationJudgement, Label> = {
  reasonable: { zh: '合理差评（发回重办）', en: 'Reasonable: sent back for re-handling' },
  unreasonable: { zh: '不合理差评（认定后办结）', en: 'Unreasonable: closed with that judgement' },
  'follow-up': { zh: '暂不具备解决条件（办结并持续跟踪）', en: 'Cannot be solved now: closed and followed up' },
};

/**
 * Why revisit closed a request (办结), the closing rule's answer (ADR 0017): its type or its
 * requester needed no revisit, an evaluation stood, one was judged unreasonable, the attempts
 * ran out, it was closed into a follow-up (持续跟踪), or it was terminated (诉求终结, closed by
 * intake's approval: no RequestClosed is published for it).
 */
export const CLOSING_BASES = ['no-revisit', 'evaluated', 'judged-unreasonable', 'attempts-exhausted', 'follow-up', 'terminated'] as const;
export type ClosingBasisCode = (typeof CLOSING_BASES)[number];
export const isClosingBasis = oneOf(CLOSING_BASES);
export const CLOSING_BASIS_LABELS: Record<ClosingBasisCode, Label> = {
  'no-revisit': { zh: '无需回访', en: 'No revisit needed' },
  evaluated: { zh: '回访评价办结', en: 'Closed on its evaluation' },
  'judged-unreasonable': { zh: '不合理差评认定办结', en: 'Closed on an evaluation judged unreasonable' },
  'attempts-exhausted': { zh: '回访未联系上办结', en: 'Closed with its revisit attempts exhausted' },
  'follow-up': { zh: '办结并持续跟踪', en: 'Closed into a follow-up' },
  terminated: { zh: '诉求终结', en: 'Terminated' },
};
