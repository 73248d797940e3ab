import { z } from 'zod';
import { piiConfigShape } from '@hotline/platform';

/** intake's own variables, validated together with the platform's: the keys of requester identity. */
export const intakeConfigSchema = z.object(piiConfigShape);
export type IntakeConfig = z.infer<typeof intakeConfigSchema>;
