import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { SUPERVISION_SOURCES, SUPERVISION_STATES } from '@hotline/vocabulary';

const text = (max: number) => z.string().trim().min(1).max(max);

/** POST /v1/supervision-orders: which order, why, what the leader or the hotline asks, and the reply's limit. */
export const OpenSupervisionBody = z
  .object({
    workOrderId: z.string().uuid(),
    source: z.enum(SUPERVISION_SOURCES),
    instruction: text(2000),
    replyWithinWorkingDays: z.number().int().min(1).max(30).optional(),
  })
  .strict();
export type OpenSupervision = z.infer<typeof OpenSupervisionBody>;

/** POST /v1/supervision-orders/{id}/reply: what the unit did. */
export const ReplySupervisionBody = z.object({ reply: text(4000) }).strict();
export type ReplySupervision = z.infer<typeof ReplySupervisionBody>;

/** POST /v1/supervision-orders/{id}/close: the hotline accepts the reply. */
export const CloseSupervisionBody = z.object({ note: text(1000).optional() }).strict();
export type CloseSupervision = z.infer<typeof CloseSupervisionBody>;

export const ListSupervisionsQuery = z
  .object({ state: z.enum(SUPERVISION_STATES).optional(), workOrderId: z.string().uuid().optional(), ...pageShape })
  .strict();
export type ListSupervisions = z.infer<typeof ListSupervisionsQuery>;
