import { z } from 'zod';

/** base64 of exactly 32 bytes: 43 characters and one '=' of padding. */
const base64Key32 = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be base64 of exactly 32 bytes')
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be base64 of exactly 32 bytes');

/** intake's own variables, validated together with the platform's. */
export const intakeConfigSchema = z.object({
  /** Master key for requester PII; per-tenant keys are derived from it (HKDF-SHA256). */
  PII_MASTER_KEY: base64Key32,
});
export type IntakeConfig = z.infer<typeof intakeConfigSchema>;
