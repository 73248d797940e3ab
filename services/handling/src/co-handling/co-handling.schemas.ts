import { z } from 'zod';

export const ReleaseAssistingOrderBody = z
  .object({ note: z.string().trim().min(1).max(500).describe('why the assisting unit is released (kept masked)') })
  .strict();
export type ReleaseAssistingOrder = z.infer<typeof ReleaseAssistingOrderBody>;
