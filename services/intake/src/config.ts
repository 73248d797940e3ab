import { z } from 'zod';
import { DEFAULT_LOOKUP_LOCKOUT, LookupLockoutPolicy } from '@hotline/intake-domain';
import { piiConfigShape } from '@hotline/platform';

/**
 * intake's own variables, validated together with the platform's: the keys of personal data,
 * and the public lookup's lockout (the same for every tenant: it defends the 提取码, whose
 * strength does not differ between cities).
 */
export const intakeConfigSchema = z.object({
  ...piiConfigShape,
  /** Wrong 提取码 a request number takes within the window before its public lookup locks. */
  PUBLIC_LOOKUP_MAX_WRONG_CODES: z.coerce.number().int().min(1).max(100).default(DEFAULT_LOOKUP_LOCKOUT.maxWrongCodes),
  /** The sliding window of the lockout, in minutes; a lock lasts until the oldest counted code leaves it. */
  PUBLIC_LOOKUP_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(DEFAULT_LOOKUP_LOCKOUT.windowMinutes),
});
export type IntakeConfig = z.infer<typeof intakeConfigSchema>;

/** The lockout policy of the public lookup, as the controller takes it. */
export class PublicLookupPolicy implements LookupLockoutPolicy {
  readonly maxWrongCodes: number;
  readonly windowMinutes: number;

  constructor(config: Record<string, unknown>) {
    const own = config as IntakeConfig;
    this.maxWrongCodes = own.PUBLIC_LOOKUP_MAX_WRONG_CODES;
    this.windowMinutes = own.PUBLIC_LOOKUP_WINDOW_MINUTES;
  }
}
