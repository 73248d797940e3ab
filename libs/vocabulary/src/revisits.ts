import { Label, oneOf } from './code-list';

/** 是否满意, as the revisit records it. */
export const SATISFACTION_LEVELS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];
export const isSatisfaction = oneOf(SATISFACTION_LEVELS);
export const SATISFACTION_LABELS: Record<Satisfaction, Label> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  'basically-satisfied': { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
};
/** The levels the 满意率 counts as satisfied (满意 + 基本满意). */
export const SATISFIED_LEVELS: readonly Satisfaction[] = ['satisfied', 'basically-satisfied'];

export function isSatisfied(level: string | null | undefined): boolean {
  return (SATISFIED_LEVELS as readonly string[]).includes(level ?? '');
}

/** How a revisit reached the requester. */
export const REVISIT_METHODS = ['phone', 'sms', 'online'] as const;
export type RevisitMethod = (typeof REVISIT_METHODS)[number];
export const isRevisitMethod = oneOf(REVISIT_METHODS);
export const REVISIT_METHOD_LABELS: Record<RevisitMethod, Label> = {
  phone: { zh: '电话回访', en: 'Phone' },
  sms: { zh: '短信回访', en: 'SMS' },
  online: { zh: '网上评价', en: 'Online' },
};

/** A revisit either evaluated the answer or was skipped for a recorded reason. */
export const REVISIT_OUTCOMES = ['evaluated', 'skipped'] as const;
export type RevisitOutcome = (typeof REVISIT_OUTCOMES)[number];

/**
 * Why a request closed without an evaluation: nobody can be contacted when the requester gave no
 * identity; the tenant's sampling left it out; its attempts or its window ran out unanswered; a
 * reviewer closed it into a follow-up (持续跟踪) on its unit's answer that it cannot be solved now,
 * so the requester is revisited at the follow-up instead.
 */
export const REVISIT_SKIP_REASONS = ['anonymous-requester', 'not-sampled', 'attempts-exhausted', 'follow-up'] as const;
export type RevisitSkipReason = (typeof REVISIT_SKIP_REASONS)[number];
export const REVISIT_SKIP_REASON_LABELS: Record<RevisitSkipReason, Label> = {
  'anonymous-requester': { zh: '匿名诉求，无法回访', en: 'Anonymous requester: nobody to contact' },
  'not-sampled': { zh: '未抽中回访', en: 'Not drawn by the revisit sampling' },
  'attempts-exhausted': { zh: '回访未联系上（次数或期限已满）', en: 'Revisit attempts exhausted' },
  'follow-up': { zh: '暂不具备解决条件，转持续跟踪', en: 'Cannot be solved now: revisited at its follow-up' },
};

/**
 * 复核 of one answer. `assist-input`: an assisting unit's input (协办意见), never decided on its
 * own but shown with the lead's answer it went into (ADR 0026); `withdrawn`: the request closed
 * before the answer was reviewed (assisting answers from before ADR 0026).
 */
export const REVIEW_STATUSES = ['pending', 'passed', 'failed', 'withdrawn', 'assist-input'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const isReviewStatus = oneOf(REVIEW_STATUSES);

/** The key of a tenant's default revisit-sampling rule, beside one rule per request type. */
export const ANY_REQUEST_TYPE = '*';
