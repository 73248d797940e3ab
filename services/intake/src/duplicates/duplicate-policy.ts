import { DEFAULT_DUPLICATE_POLICY, DuplicatePolicy } from '@hotline/intake-domain';
import type { IntakeConfig } from '../config';

/** The duplicate search's window and text threshold, from intake's configuration (defaults in intake-domain). */
export class DuplicateSearchPolicy implements DuplicatePolicy {
  readonly windowDays: number;
  readonly minTextSimilarity: number;
  readonly limit = DEFAULT_DUPLICATE_POLICY.limit;

  constructor(config: Record<string, unknown>) {
    const own = config as IntakeConfig;
    this.windowDays = own.DUPLICATE_WINDOW_DAYS;
    this.minTextSimilarity = own.DUPLICATE_MIN_TEXT_SIMILARITY;
  }
}
