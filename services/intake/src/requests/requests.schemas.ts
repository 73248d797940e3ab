import { z } from 'zod';
import { missingScopeFields, requesterIssues, unexpectedScopeFields } from '@hotline/intake-domain';
import { pageShape } from '@hotline/platform';
import { AREA_CODE_RULE, isAreaCode, REQUEST_STATUSES, REQUEST_TYPES, SCOPE_DECISIONS, URGENCIES } from '@hotline/vocabulary';
import { CategoryCode } from '../categories/categories.schemas';
import { ChannelCode } from '../channels/channels.schemas';
import { ExternalRefs } from '../duplicates/duplicates.schemas';

const name = z.string().trim().min(1).max(50);
const phone = z.string().regex(/^[0-9+-]{5,20}$/, 'digits, + and -, 5 to 20 characters');
const idNumber = z.string().regex(/^[0-9]{15}([0-9]{2}[0-9Xx])?$/, '15 or 18 characters (digits, last may be X)');
const address = z.string().trim().min(1).max(200);
const content = z.string().trim().min(1).max(4000);
const title = z.string().trim().min(1).max(200);
const areaCode = z.string().refine(isAreaCode, AREA_CODE_RULE);

const Scope = z
  .object({
    decision: z.enum(SCOPE_DECISIONS),
    answer: z.string().trim().max(4000).optional(),
    reason: z.string().trim().max(1000).optional(),
    /** terminated-matter: the terminated request (诉求终结) this contact repeats; its legal route is the answer. */
    terminatedRequestId: z.string().uuid().optional(),
  })
  .strict()
  .superRefine((scope, ctx) => {
    for (const field of missingScopeFields(scope))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: `required for decision "${scope.decision}"` });
    for (const field of unexpectedScopeFields(scope))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: `not taken by decision "${scope.decision}"` });
  });

/**
 * Named (name and phone at least, maybe 保密) or `{ anonymous: true }` with no identity at all.
 * Read as entered: when `confidential` is not said, the tenant's default for the request type
 * applies (toRequester at registration).
 */
const Requester = z
  .object({
    anonymous: z.boolean().default(false),
    name: name.optional(),
    phone: phone.optional(),
    idNumber: idNumber.optional(),
    address: address.optional(),
    confidential: z.boolean().optional(),
  })
  .strict()
  .superRefine((requester, ctx) => {
    for (const issue of requesterIssues(requester))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [issue.field], message: issue.message });
  });

/** A contact entered by an agent (坐席), with the scope decision taken on it. */
export const CreateRequestBody = z
  .object({
    /** One of the tenant's enabled channel codes (checked against its configuration). */
    channel: ChannelCode,
    requester: Requester,
    title: title.optional(),
    content,
    areaCode,
    requestType: z.enum(REQUEST_TYPES),
    urgency: z.enum(URGENCIES),
    categoryCode: CategoryCode,
    scope: Scope,
    /** 涉企: the request concerns an enterprise (营商环境), counted and reported apart. */
    enterpriseRelated: z.boolean().default(false),
    /** 并单: an open request of this hotline this contact repeats (a duplicate candidate); only with decision in-scope. */
    duplicateOf: z.string().uuid().optional(),
    /** The 信访 / 互联网+督查 cases it refers to; a case another request already names is flagged. */
    externalRefs: ExternalRefs.optional(),
    /** 直接办理 from the knowledge base: the published articles the direct answer was given from. */
    answerArticles: z
      .array(z.string().uuid())
      .min(1)
      .max(10)
      .refine((ids) => new Set(ids).size === ids.length, 'each article once')
      .optional(),
    /**
     * The classification suggestion the agent was shown while entering it (POST
     * /v1/classification/suggestions): the agent's type, urgency and category are recorded against
     * it in the same transaction, the way POST …/suggestions/{id}/outcome would.
     */
    classificationSuggestionId: z.string().uuid().optional(),
  })
  .strict();
export type CreateRequest = z.infer<typeof CreateRequestBody>;

/**
 * Online submission by the public: it waits in the online queue for an agent's scope decision
 * (ScopeDecisionBody). Without `requester` the submission is anonymous.
 */
export const PublicCreateRequestBody = z
  .object({
    requester: z.object({ name, phone }).strict().optional(),
    title,
    content,
    areaCode,
    requestType: z.enum(REQUEST_TYPES).default('consultation'),
    categoryCode: CategoryCode.optional(),
    /** 涉企: submitted by or about an enterprise; the agent may correct it on the scope decision. */
    enterpriseRelated: z.boolean().default(false),
  })
  .strict();
export type PublicCreateRequest = z.infer<typeof PublicCreateRequestBody>;

export const ListRequestsQuery = z.object({ status: z.enum(REQUEST_STATUSES).optional(), ...pageShape }).strict();
export type ListRequests = z.infer<typeof ListRequestsQuery>;

export const RequestIdParam = z.string().uuid();
/** Eight digits, or six for a request registered before codes had eight. */
export const PublicLookupQuery = z.object({ code: z.string().regex(/^([0-9]{6}|[0-9]{8})$/, 'eight digits (six for older requests)') });
