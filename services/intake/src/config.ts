import { z } from 'zod';
import { attachmentConfigShape } from '@hotline/attachments';
import { DEFAULT_DUPLICATE_POLICY, DEFAULT_LOOKUP_LOCKOUT, LookupLockoutPolicy } from '@hotline/intake-domain';
import { notificationConfigShape, piiConfigShape } from '@hotline/platform';
import { linkageConfigShape } from './linkage/linkage-config';
import { classificationConfigShape } from './classification/classification-config';
import { sharingPushConfigShape } from './sharing/push-config';

/**
 * intake's own variables, validated together with the platform's: the keys of personal data,
 * and the public lookup's lockout (the same for every tenant: it defends the 提取码, whose
 * strength does not differ between cities).
 */
export const intakeConfigSchema = z.object({
  ...piiConfigShape,
  ...linkageConfigShape,
  // Where attachments are kept and how they are scanned (ATTACHMENT_*, ADR 0028).
  ...attachmentConfigShape,
  // How the requester's notifications reach an SMS gateway (NOTIFY_*, ADR 0029).
  ...notificationConfigShape,
  // Classification suggestions and the periodic training of each tenant's model (CLASSIFICATION_*, docs/classification.md).
  ...classificationConfigShape,
  // The pushed data-sharing feeds: timeout, retries, interval, concurrency (SHARING_PUSH_*, ADR 0035 addendum).
  ...sharingPushConfigShape,
  /** Wrong 提取码 a request number takes within the window before its public lookup locks. */
  PUBLIC_LOOKUP_MAX_WRONG_CODES: z.coerce.number().int().min(1).max(100).default(DEFAULT_LOOKUP_LOCKOUT.maxWrongCodes),
  /** The sliding window of the lockout, in minutes; a lock lasts until the oldest counted code leaves it. */
  PUBLIC_LOOKUP_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(DEFAULT_LOOKUP_LOCKOUT.windowMinutes),
  /**
   * Key of the requester match hashes (base64 of 32 bytes). Unset: derived from PII_MASTER_KEY
   * (HKDF, an info of its own); set it in production, as rotating PII_MASTER_KEY would otherwise
   * change the hashes and stored requests would no longer match by requester.
   */
  REQUESTER_MATCH_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be base64 of exactly 32 bytes')
    .optional(),
  /** Days back that duplicate candidates are looked for. */
  DUPLICATE_WINDOW_DAYS: z.coerce.number().int().min(1).max(366).default(DEFAULT_DUPLICATE_POLICY.windowDays),
  /** Character-trigram similarity (0…1) from which the text alone makes a duplicate candidate. */
  DUPLICATE_MIN_TEXT_SIMILARITY: z.coerce.number().min(0.05).max(1).default(DEFAULT_DUPLICATE_POLICY.minTextSimilarity),
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
