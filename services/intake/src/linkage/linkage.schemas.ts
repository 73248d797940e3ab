import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import {
  AREA_CODE_RULE,
  isAreaCode,
  LINKAGE_COUNTERPARTS,
  LINKAGE_DECLINE_REASONS,
  LINKAGE_DIRECTIONS,
  LINKAGE_METHODS,
  LINKAGE_TRANSFER_STATES,
} from '@hotline/vocabulary';

const instant = z.string().datetime({ offset: true, message: 'an RFC 3339 instant' });
const reference = z.string().trim().min(1).max(100);
const listItemCode = z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'letters, digits and dashes, at most 20');

/** An agent offers a request to a counterpart: to whom, how, and the transfer-list item that matched. */
export const OfferTransferBody = z
  .object({
    counterpart: z.enum(LINKAGE_COUNTERPARTS),
    method: z.enum(LINKAGE_METHODS),
    listItemCode: listItemCode.optional(),
  })
  .strict();
export type OfferTransfer = z.infer<typeof OfferTransferBody>;

export const ListTransfersQuery = z
  .object({
    state: z.enum(LINKAGE_TRANSFER_STATES).optional(),
    direction: z.enum(LINKAGE_DIRECTIONS).optional(),
    requestId: z.string().uuid().optional(),
    /** `me`: the offers of the calling agent (declined or expired ones are back with them). */
    offeredBy: z.literal('me').optional(),
    ...pageShape,
  })
  .strict();
export type ListTransfers = z.infer<typeof ListTransfersQuery>;

export const TransferIdParam = z.string().uuid();

// What a peer sends over gRPC, checked as strictly as an HTTP body (INVALID_ARGUMENT names the field).

export const IncomingMatter = z.object({
  senderRef: reference,
  summary: z.string().trim().min(1).max(4000),
  categoryCode: z.string().max(40),
  categoryName: z.string().max(200),
  location: z.object({ areaCode: z.string().refine(isAreaCode, AREA_CODE_RULE), address: z.string().max(200) }, { required_error: 'required' }),
  urgency: z.enum(['normal', 'urgent', 'critical'], { message: 'normal, urgent or critical' }),
  caller: z
    .object({ name: z.string().trim().max(50), phone: z.union([z.literal(''), z.string().regex(/^[0-9+-]{5,20}$/, 'digits, + and -, 5 to 20 characters')]) })
    .optional(),
  method: z.enum(LINKAGE_METHODS, { message: `one of ${LINKAGE_METHODS.join(', ')}` }),
  listItemCode: z.union([z.literal(''), listItemCode]),
  sentAt: z.union([z.literal(''), instant]),
});

export const IncomingDecision = z.object({
  senderRef: z.string().uuid('the reference 12345 gave (a transfer id)'),
  receiverRef: z.string().max(100),
  decision: z.enum(['accepted', 'declined'], { message: 'ACCEPTED or DECLINED' }),
  declineReason: z.union([z.literal(''), z.enum(LINKAGE_DECLINE_REASONS)]),
  note: z.string().max(500),
  decidedBy: z.string().max(100),
  decidedAt: z.union([z.literal(''), instant]),
}).refine((d) => d.decision !== 'declined' || d.declineReason !== '', { path: ['declineReason'], message: 'required for a decline' });

export const IncomingProgress = z.object({
  senderRef: z.string().uuid('the reference 12345 gave (a transfer id)'),
  receiverRef: z.string().max(100),
  step: z.enum(['received', 'dispatched', 'handled', 'closed'], { message: 'RECEIVED, DISPATCHED, HANDLED or CLOSED' }),
  occurredAt: instant,
  note: z.string().max(500),
});

export const IncomingCall = z
  .object({
    callRef: reference,
    participants: z
      .array(z.object({ role: z.enum(['caller', '12345-agent', '110-operator'], { message: 'a known role' }), id: z.string().max(100) }))
      .min(2)
      .max(10),
    startedAt: instant,
    endedAt: instant,
    firstAcceptedBy: z.enum(['12345', '110'], { message: 'PLATFORM_12345 or PLATFORM_110' }),
    transferRef: z.string().max(100),
  })
  .refine((c) => new Date(c.endedAt) >= new Date(c.startedAt), { path: ['endedAt'], message: 'not before startedAt' });

const listItem = z
  .object({
    counterpart: z.enum(LINKAGE_COUNTERPARTS),
    code: listItemCode,
    className: z.string().trim().min(1).max(100),
    itemName: z.string().trim().min(1).max(200),
    categoryCodes: z.array(z.string().regex(/^[0-9A-Za-z]{1,20}$/, 'a category code')).max(50).default([]),
    keywords: z.array(z.string().trim().min(1).max(30)).max(50).default([]),
  })
  .strict()
  .refine((i) => i.categoryCodes.length + i.keywords.length > 0, { path: ['keywords'], message: 'an item needs a category code or a keyword to match by' });

/** A hotline's transfer list of one direction, replaced as a whole (e.g. 9类64项 12345→110). */
export const TransferListBody = z
  .object({
    direction: z.enum(LINKAGE_DIRECTIONS),
    items: z.array(listItem).max(1000),
  })
  .strict()
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.items.forEach((i, n) => {
      if (seen.has(i.code)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['items', n, 'code'], message: `"${i.code}" is listed twice` });
      seen.add(i.code);
    });
  });
export type TransferListInput = z.infer<typeof TransferListBody>;

export const TransferListQuery = z.object({ direction: z.enum(LINKAGE_DIRECTIONS).optional() }).strict();

/** A hand-off to 119/120/122, 110 or a utility line, made at once. */
export const HandOffBody = z.object({ counterpart: z.enum(LINKAGE_COUNTERPARTS), method: z.enum(LINKAGE_METHODS) }).strict();
export type HandOff = z.infer<typeof HandOffBody>;
