import { z } from 'zod';
import { pageShape, wholeNumber } from '@hotline/platform';
import { SHARING_PUSH_DELIVERY_STATES } from '@hotline/vocabulary';
import { endpointRefusal } from './push-endpoint';
import { decodeCursor } from './release-cursor';

const shape = {
  url: z.string().max(2000).describe('where each batch is POSTed: https (plain http only to this machine, in local mode)'),
  batchSize: wholeNumber(1, 500).default(100).describe('requests per batch, at most 500'),
};

/** PUT /v1/sharing/agreements/{id}/push, as documented (the URL rule depends on the mode; see pushSubscriptionBody). */
export const PushSubscriptionShape = z.object(shape).strict();

/** The body of PUT …/push: the URL checked by `endpointRefusal`, plain http to loopback only when `loopbackHttp`. */
export function pushSubscriptionBody(loopbackHttp: boolean) {
  return PushSubscriptionShape.superRefine((b, ctx) => {
    const refusal = endpointRefusal(b.url, loopbackHttp);
    if (refusal) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['url'], message: refusal });
  });
}
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionShape>;

const instant = z.string().datetime({ offset: true });

/** POST …/push/replay: start again after a cursor, at requests received since an instant, or (neither) from the agreement's start. */
export const PushReplayShape = z
  .object({
    cursor: z
      .string()
      .max(200)
      .refine((c) => decodeCursor(c) !== undefined, 'the `next` or `after` of an earlier batch or release')
      .optional(),
    since: instant.optional(),
  })
  .strict();
export const PushReplayBody = PushReplayShape.refine((q) => !(q.since && q.cursor), { message: 'give since or cursor, not both', path: ['since'] });
export type PushReplay = z.infer<typeof PushReplayBody>;

export const PushDeliveriesQuery = z.object({ state: z.enum(SHARING_PUSH_DELIVERY_STATES).optional(), ...pageShape }).strict();
export type PushDeliveriesFilter = z.infer<typeof PushDeliveriesQuery>;

export const DeliveryIdParam = z.string().uuid();
