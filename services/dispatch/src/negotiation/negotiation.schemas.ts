import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { NEGOTIATION_STANCES, NEGOTIATION_STATES } from '@hotline/vocabulary';

const unitIds = (min: number, max: number) =>
  z
    .array(z.string().uuid())
    .min(min)
    .max(max)
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: 'listed more than once' });
      });
    });

/** `POST /v1/negotiations`: the request waiting in the queue, the candidate units, and how long they have. */
export const OpenNegotiationBody = z
  .object({
    requestId: z.string().uuid(),
    candidateUnitIds: unitIds(2, 8).describe('the units that may lead it, 2 to 8'),
    hours: z.number().int().min(1).max(168).optional().describe('calendar hours the candidates have to answer (default 24)'),
  })
  .strict();
export type OpenNegotiation = z.infer<typeof OpenNegotiationBody>;

/** `POST /v1/negotiations/{id}/responses`: a candidate unit's answer. */
export const RespondBody = z
  .object({
    stance: z.enum(NEGOTIATION_STANCES),
    note: z.string().trim().min(1).max(1000).describe('why: the duty list or rule it rests on; masked when stored'),
  })
  .strict();
export type Respond = z.infer<typeof RespondBody>;

/** `POST /v1/negotiations/{id}/settlement`: the hotline fixes 主办 and 协办. */
export const SettleBody = z
  .object({
    primaryUnitId: z.string().uuid(),
    assistingUnitIds: unitIds(0, 10).default([]),
  })
  .strict();
export type Settle = z.infer<typeof SettleBody>;

export const NegotiationIdParams = z.object({ negotiationId: z.string().uuid() }).strict();

/** `GET /v1/negotiations`: a page, of one state when given. */
export const ListNegotiationsQuery = z.object({ ...pageShape, state: z.enum(NEGOTIATION_STATES).optional() }).strict();
