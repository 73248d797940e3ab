import { z } from 'zod';
import { missingScopeFields, REQUEST_STATUSES, REQUEST_TYPES, SCOPE_DECISIONS, URGENCIES } from '@hotline/intake-domain';

const name = z.string().trim().min(1).max(50);
const phone = z.string().regex(/^[0-9+-]{5,20}$/, 'digits, + and -, 5 to 20 characters');
const idNumber = z.string().regex(/^[0-9]{15}([0-9]{2}[0-9Xx])?$/, '15 or 18 characters (digits, last may be X)');
const address = z.string().trim().min(1).max(200);
const content = z.string().trim().min(1).max(4000);
const title = z.string().trim().min(1).max(200);
const areaCode = z.string().regex(/^[0-9]{2,12}$/, '2 to 12 digits');
const categoryCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'a category code of the tenant');

const Scope = z
  .object({
    decision: z.enum(SCOPE_DECISIONS),
    answer: z.string().trim().max(4000).optional(),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((scope, ctx) => {
    for (const field of missingScopeFields(scope))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: `required for decision "${scope.decision}"` });
  });

/** A contact entered by an agent (坐席), with the scope decision taken on it. */
export const CreateRequestBody = z
  .object({
    channel: z.string().trim().min(1).max(40),
    requester: z
      .object({ name, phone, idNumber: idNumber.optional(), address: address.optional(), confidential: z.boolean().default(false) })
      .strict(),
    title: title.optional(),
    content,
    areaCode,
    requestType: z.enum(REQUEST_TYPES),
    urgency: z.enum(URGENCIES),
    categoryCode,
    scope: Scope,
  })
  .strict();
export type CreateRequest = z.infer<typeof CreateRequestBody>;

/** Online submission by the public (always in scope; an agent reviews it through dispatch). */
export const PublicCreateRequestBody = z
  .object({
    requester: z.object({ name, phone }).strict(),
    title,
    content,
    areaCode,
    requestType: z.enum(REQUEST_TYPES).default('consultation'),
    categoryCode: categoryCode.optional(),
  })
  .strict();
export type PublicCreateRequest = z.infer<typeof PublicCreateRequestBody>;

export const ListRequestsQuery = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListRequests = z.infer<typeof ListRequestsQuery>;

export const RequestIdParam = z.string().uuid();
export const PublicLookupQuery = z.object({ code: z.string().regex(/^[0-9]{6}$/, 'six digits') });
export const TenantHeader = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a tenant code').max(63);
