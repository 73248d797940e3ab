import { EffectiveTimeLimit } from '@hotline/handling-domain';
import { DEFAULT_COUNTING } from '@hotline/vocabulary';

/**
 * The table as the API shows it: a rule names a counting only when its tenant chose one, so a
 * GET can be PUT back unchanged; `defaultCounting` is what the others take.
 */
export function toTimeLimitsView(items: readonly EffectiveTimeLimit[]) {
  return { items, defaultCounting: DEFAULT_COUNTING };
}
