import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { AREA_CODE_RULE, isAreaCode, ONLINE_QUEUE_STATES, REQUEST_TYPES, URGENCIES } from '@hotline/vocabulary';
import { CategoryCode } from '../categories/categories.schemas';
import { ExternalRefs } from '../duplicates/duplicates.schemas';
import { CreateRequestBody } from '../requests/requests.schemas';

/**
 * The agent's scope decision on an online submission: the same decision an agent takes on a
 * phone contact (scope, type, urgency, category, repeat, articles), on what the citizen wrote.
 * The citizen's own type and area are kept unless the agent corrects them.
 */
export const OnlineDecisionBody = z
  .object({
    requestType: z.enum(REQUEST_TYPES),
    urgency: z.enum(URGENCIES),
    categoryCode: CategoryCode,
    areaCode: z.string().refine(isAreaCode, AREA_CODE_RULE).optional(),
    scope: CreateRequestBody.shape.scope,
    /** 保密; unsaid: the tenant's default for the (decided) request type. */
    confidential: z.boolean().optional(),
    enterpriseRelated: z.boolean().optional(),
    duplicateOf: z.string().uuid().optional(),
    externalRefs: ExternalRefs.optional(),
    answerArticles: CreateRequestBody.shape.answerArticles,
    classificationSuggestionId: CreateRequestBody.shape.classificationSuggestionId,
  })
  .strict();
export type OnlineDecision = z.infer<typeof OnlineDecisionBody>;

export const ListOnlineQueueQuery = z.object({ state: z.enum([...ONLINE_QUEUE_STATES, 'open']).optional(), ...pageShape }).strict();
export type ListOnlineQueue = z.infer<typeof ListOnlineQueueQuery>;

const instant = z.string().datetime({ offset: true });
export const OnlineQueueStatsQuery = z.object({ from: instant.optional(), to: instant.optional() }).strict();
