import { z } from 'zod';
import { isIsoDate } from '@hotline/calendar';
import { fieldErrors, pageShape, ProblemError } from '@hotline/platform';
import { followUpRevisitRefusal, MAX_FOLLOW_UP_NOTE } from '@hotline/revisit-domain';
import { FOLLOW_UP_REASONS, FOLLOW_UP_STATES, RESOLUTIONS, SATISFACTION_LEVELS } from '@hotline/vocabulary';

// A date's place in time (after the tenant's today, at most a year ahead) is checked with the
// tenant's calendar by the command; here only its form.
const date = () => z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const note = () => z.string().trim().min(1).max(MAX_FOLLOW_UP_NOTE);

/**
 * A reviewer closes a request awaiting its revisit straight into 持续跟踪, on its unit's answer
 * that it cannot be solved now: the objective reason, the date the unit reports by, and why.
 */
export const CreateFollowUpBody = z
  .object({ requestId: z.string().trim().min(1).max(100), reason: z.enum(FOLLOW_UP_REASONS), followUpOn: date(), note: note() })
  .strict();
export type CreateFollowUp = z.infer<typeof CreateFollowUpBody>;

/** The unit's progress report on a follow-up. */
export const ReportProgressBody = z.object({ note: note() }).strict();
export type ReportProgress = z.infer<typeof ReportProgressBody>;

/**
 * The hotline's revisit of a follow-up the unit reported on: what the requester says (是否解决,
 * 是否满意 if they gave it) and a note; with `nextFollowUpOn` it is scheduled again, without it
 * it ends.
 */
export const RevisitFollowUpBody = z
  .object({
    note: note(),
    resolution: z.enum(RESOLUTIONS),
    satisfaction: z.enum(SATISFACTION_LEVELS).optional(),
    nextFollowUpOn: date().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const refusal = followUpRevisitRefusal(body);
    if (refusal) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [refusal.field], message: refusal.message });
  });
export type RevisitFollowUp = z.infer<typeof RevisitFollowUpBody>;

export const ListFollowUpsQuery = z
  .object({ state: z.enum(FOLLOW_UP_STATES).optional(), unitId: z.string().trim().min(1).max(100).optional(), ...pageShape })
  .strict();
export type ListFollowUps = z.infer<typeof ListFollowUpsQuery>;

/** A follow-up's id: a UUID (anything else names no follow-up and is refused as such). */
export const FollowUpId = z.string().uuid('must be a follow-up id (UUID)');

/** Validates the path's id and the body together, so one 400 names every bad field. */
export function parseWithFollowUpId<T>(schema: z.ZodType<T>, id: unknown, body: unknown): { id: string; input: T } {
  const parsedId = FollowUpId.safeParse(id);
  const values = schema.safeParse(body ?? {});
  if (parsedId.success && values.success) return { id: parsedId.data, input: values.data };
  throw ProblemError.validation([
    ...(parsedId.success ? [] : fieldErrors(parsedId.error, 'id')),
    ...(values.success ? [] : fieldErrors(values.error)),
  ]);
}
