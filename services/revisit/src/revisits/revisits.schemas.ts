import { z } from 'zod';
import { REVISIT_METHODS, SATISFACTION_LEVELS } from '@hotline/vocabulary';

export const RecordRevisitBody = z
  .object({
    requestId: z.string().trim().min(1).max(100),
    method: z.enum(REVISIT_METHODS),
    resolved: z.boolean(),
    satisfaction: z.enum(SATISFACTION_LEVELS),
  })
  .strict();
export type RecordRevisit = z.infer<typeof RecordRevisitBody>;
