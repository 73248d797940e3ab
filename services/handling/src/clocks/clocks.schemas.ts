import { z } from 'zod';
import { HANDLING_CLOCK_STARTS, PAUSE_REASONS } from '@hotline/vocabulary';

const note = z.string().trim().min(1).max(1000);

/** PUT /v1/clock-policy: when the handling clock starts, how many pauses and how long each may be. */
export const PutClockPolicyBody = z
  .object({
    handlingStartsAt: z.enum(HANDLING_CLOCK_STARTS),
    maxPauses: z.number().int().min(0).max(10),
    maxPauseWorkingDays: z.number().int().min(1).max(60),
  })
  .strict();
export type PutClockPolicy = z.infer<typeof PutClockPolicyBody>;

/** POST /v1/work-orders/{id}/pauses: the unit asks to stop its handling clock. */
export const AskPauseBody = z
  .object({
    reason: z.enum(PAUSE_REASONS),
    note: note.optional().describe('what the unit waits for (masked when stored)'),
  })
  .strict();
export type AskPause = z.infer<typeof AskPauseBody>;

/** The hotline's decision on a pause, or a person resuming the clock. */
export const PauseRemarkBody = z.object({ note: note.optional().describe('a remark on the decision (masked when stored)') }).strict();
export type PauseRemark = z.infer<typeof PauseRemarkBody>;
