import { z } from 'zod';

/** `POST /v1/dispatches/{requestId}/escalation`: why, and optionally the coordinating unit to take it. */
export const EscalateBody = z
  .object({
    reason: z.string().trim().min(1).max(500).describe('why the case needs the coordinating level (提级统筹); masked when stored'),
    toUnitId: z.string().uuid().optional().describe('a district government or the city office; absent: the nearest one above the primary unit'),
  })
  .strict();
export type Escalate = z.infer<typeof EscalateBody>;
