import { z } from 'zod';
import { isIsoDate } from '@hotline/calendar';
import { ProblemError } from '@hotline/platform';
import { REQUEST_TYPES, URGENCIES } from '@hotline/vocabulary';
import { CategoryCode } from '../categories/categories.schemas';

// The same bounds as a request's free text (requests.schemas.ts): a suggestion is asked for what will be registered.
const title = z.string().trim().min(1).max(200);
const content = z.string().trim().min(1).max(4000);

/** What the agent has typed so far. */
export const SuggestBody = z.object({ title: title.optional(), content }).strict();
export type Suggest = z.infer<typeof SuggestBody>;

export const SuggestionIdParam = z.string().uuid();

/** The agent's choice for a suggestion: what the request was registered with. */
export const OutcomeBody = z
  .object({
    requestId: z.string().uuid().optional(),
    categoryCode: CategoryCode,
    requestType: z.enum(REQUEST_TYPES),
    urgency: z.enum(URGENCIES),
  })
  .strict();
export type Outcome = z.infer<typeof OutcomeBody>;

const instant = z.string().datetime({ offset: true }).transform((s) => new Date(s));
// A real calendar date: 2025-02-30 is refused, never rolled over into March.
const day = z
  .string()
  .refine(isIsoDate, 'a date (YYYY-MM-DD) or an instant (ISO 8601)')
  .transform((s) => new Date(`${s}T00:00:00Z`));

/** [from, to): instants, or UTC days; default the 30 days before `to` (default now). */
export const QualityQuery = z.object({ from: z.union([instant, day]).optional(), to: z.union([instant, day]).optional() }).strict();
export interface Quality {
  from: Date;
  to: Date;
}

/** The window of a quality query, its defaults filled in; a window that ends before it starts names `from`. */
export function qualityWindow(query: z.infer<typeof QualityQuery>): Quality {
  const to = query.to ?? new Date();
  const from = query.from ?? new Date(to.getTime() - 30 * 24 * 3600_000);
  if (!(from < to)) throw ProblemError.validation([{ field: 'query.from', message: 'must be before to' }]);
  return { from, to };
}

export const RunIdParam = z.string().uuid();

/** At most this many examples per import: about the labelled set of a new tenant, within the body limit. */
export const MAX_IMPORTED_EXAMPLES = 20_000;

/** A labelled set to give a tenant without a model its first one (oldest first: the last share is held back). */
export const ImportTrainingBody = z
  .object({
    examples: z
      .array(z.object({ title: title.optional(), content, categoryCode: CategoryCode }).strict())
      .min(20)
      .max(MAX_IMPORTED_EXAMPLES),
  })
  .strict();
export type ImportTraining = z.infer<typeof ImportTrainingBody>;
