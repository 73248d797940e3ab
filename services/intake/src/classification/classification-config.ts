import { z } from 'zod';

/** intake's classification variables (CLASSIFICATION_*, docs/classification.md). */
export const classificationConfigShape = {
  /** Minutes between the periodic training passes over every tenant; 0 turns the job off (training on demand only). */
  CLASSIFICATION_TRAINING_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(24 * 60),
  /** Confirmed classifications a tenant needs before a model is trained on them. */
  CLASSIFICATION_MIN_EXAMPLES: z.coerce.number().int().min(20).max(100_000).default(200),
  /** The most recent confirmed classifications one run reads: bounds the CPU and memory of a run. */
  CLASSIFICATION_MAX_EXAMPLES: z.coerce.number().int().min(50).max(100_000).default(20_000),
  /** Share of those, the most recent, held back to compare the new model with the active one. */
  CLASSIFICATION_HOLDOUT_FRACTION: z.coerce.number().min(0.05).max(0.5).default(0.15),
  /** A category needs this many training examples to be suggested itself; rarer ones are learnt as their parent. */
  CLASSIFICATION_MIN_EXAMPLES_PER_CATEGORY: z.coerce.number().int().min(1).max(1000).default(3),
  /** Upper bound on terms × categories of a model (its weights): the vocabulary is pruned to stay below it. */
  CLASSIFICATION_MAX_MODEL_WEIGHTS: z.coerce.number().int().min(100_000).max(200_000_000).default(20_000_000),
};

export interface ClassificationSettings {
  intervalMinutes: number;
  minExamples: number;
  maxExamples: number;
  holdoutFraction: number;
  minExamplesPerCategory: number;
  maxModelWeights: number;
}

export function classificationSettingsOf(config: Record<string, unknown>): ClassificationSettings {
  const c = config as { [K in keyof typeof classificationConfigShape]: number };
  return {
    intervalMinutes: c.CLASSIFICATION_TRAINING_INTERVAL_MINUTES,
    minExamples: c.CLASSIFICATION_MIN_EXAMPLES,
    maxExamples: c.CLASSIFICATION_MAX_EXAMPLES,
    holdoutFraction: c.CLASSIFICATION_HOLDOUT_FRACTION,
    minExamplesPerCategory: c.CLASSIFICATION_MIN_EXAMPLES_PER_CATEGORY,
    maxModelWeights: c.CLASSIFICATION_MAX_MODEL_WEIGHTS,
  };
}
