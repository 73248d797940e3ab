import { Label, oneOf } from './code-list';

/**
 * A tenant's classification model (issue 14): the one agents get suggestions from (active, one
 * per tenant), one it replaced (retired), or one that lost to the active one on the held-back
 * requests and was never used (rejected).
 */
export const CLASSIFICATION_MODEL_STATES = ['active', 'retired', 'rejected'] as const;
export type ClassificationModelState = (typeof CLASSIFICATION_MODEL_STATES)[number];
export const isClassificationModelState = oneOf(CLASSIFICATION_MODEL_STATES);
export const CLASSIFICATION_MODEL_STATE_LABELS: Record<ClassificationModelState, Label> = {
  active: { zh: '使用中', en: 'Active' },
  retired: { zh: '已替换', en: 'Retired' },
  rejected: { zh: '未采用', en: 'Rejected' },
};

/** What a model was trained on: the tenant's confirmed requests, or an imported labelled set (a new tenant's first model). */
export const CLASSIFICATION_TRAINING_SOURCES = ['requests', 'import'] as const;
export type ClassificationTrainingSource = (typeof CLASSIFICATION_TRAINING_SOURCES)[number];

/** Who started a training run: the periodic job, a tenant admin, or an import. */
export const CLASSIFICATION_RUN_TRIGGERS = ['schedule', 'admin', 'import'] as const;
export type ClassificationRunTrigger = (typeof CLASSIFICATION_RUN_TRIGGERS)[number];

/** How a training run ended: its model became active, lost (rejected), too few examples (skipped), or an error (failed). */
export const CLASSIFICATION_RUN_OUTCOMES = ['activated', 'rejected', 'skipped', 'failed'] as const;
export type ClassificationRunOutcome = (typeof CLASSIFICATION_RUN_OUTCOMES)[number];
export const CLASSIFICATION_RUN_OUTCOME_LABELS: Record<ClassificationRunOutcome, Label> = {
  activated: { zh: '已启用新模型', en: 'New model activated' },
  rejected: { zh: '新模型未胜出', en: 'New model rejected' },
  skipped: { zh: '样本不足', en: 'Too few examples' },
  failed: { zh: '训练失败', en: 'Failed' },
};
