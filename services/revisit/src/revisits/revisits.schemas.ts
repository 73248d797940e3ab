import { z } from 'zod';
import { fieldErrors, ProblemError } from '@hotline/platform';
import { isResolved } from '@hotline/revisit-domain';
import { isIsoDate } from '@hotline/calendar';
import {
  EVALUATION_JUDGEMENTS,
  EvaluationJudgement,
  FOLLOW_UP_REASONS,
  FollowUpReason,
  RESOLUTIONS,
  REVISIT_METHODS,
  REVISIT_RESPONDENTS,
  SATISFACTION_LEVELS,
} from '@hotline/vocabulary';

export const MAX_REVISIT_NOTE = 500;

/**
 * A revisit's answers: 是否解决 as `resolution` (or, as before, the boolean `resolved`: true is
 * 解决, false 未解决), 是否满意 as `satisfaction`, the method and who answered. The hotline's own
 * check of an anonymous request (respondent `hotline`) asks nobody: no satisfaction (未评价), and
 * a note of what the hotline found.
 */
export const RecordRevisitBody = z
  .object({
    requestId: z.string().trim().min(1).max(100),
    method: z.enum(REVISIT_METHODS),
    resolved: z.boolean().optional(),
    resolution: z.enum(RESOLUTIONS).optional(),
    satisfaction: z.enum(SATISFACTION_LEVELS).optional(),
    respondent: z.enum(REVISIT_RESPONDENTS).optional(),
    note: z.string().trim().min(1).max(MAX_REVISIT_NOTE).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.resolved === undefined && body.resolution === undefined)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['resolution'], message: `give resolution (${RESOLUTIONS.join(' | ')}) or resolved` });
    else if (body.resolved !== undefined && body.resolution !== undefined && body.resolved !== isResolved(body.resolution))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['resolved'], message: `resolved is ${body.resolved} but resolution is ${body.resolution}` });
    if (body.respondent === 'hotline') {
      if (body.satisfaction !== undefined)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['satisfaction'], message: 'the hotline’s own check asks nobody: no satisfaction (未评价)' });
      if (body.note === undefined)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['note'], message: 'say what the hotline found when it checked the matter itself' });
    } else if (body.satisfaction === undefined)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['satisfaction'], message: `give satisfaction (${SATISFACTION_LEVELS.join(' | ')})` });
  });
export type RecordRevisit = z.infer<typeof RecordRevisitBody>;

export const RequestIdParams = z.object({ requestId: z.string().trim().min(1).max(100) }).strict();

/** One attempt that reached nobody (no answer, line busy, SMS not replied). */
export const RecordAttemptBody = z.object({ method: z.enum(REVISIT_METHODS) }).strict();
export type RecordAttempt = z.infer<typeof RecordAttemptBody>;

export const MAX_JUDGEMENT_NOTE = 500;

/**
 * A reviewer's judgement of a dissatisfied or unresolved evaluation, and why: `judgement`
 * reasonable (合理差评 → 重办), unreasonable, or follow-up (持续跟踪: cannot be solved now, with the
 * objective `reason` and the date `followUpOn` its unit reports by). The boolean `reasonable` of
 * earlier clients still reads as reasonable or unreasonable; given with `judgement`, it must agree.
 * The date's place in time (after the tenant's today, at most a year ahead) is checked with the
 * tenant's calendar when the judgement is taken.
 */
export const JudgeEvaluationBody = z
  .object({
    judgement: z.enum(EVALUATION_JUDGEMENTS).optional(),
    reasonable: z.boolean().optional(),
    note: z.string().trim().min(1).max(MAX_JUDGEMENT_NOTE),
    reason: z.enum(FOLLOW_UP_REASONS).optional(),
    followUpOn: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD').optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
    if (body.judgement === undefined && body.reasonable === undefined) issue('judgement', `give judgement (${EVALUATION_JUDGEMENTS.join(' | ')})`);
    else if (body.judgement !== undefined && body.reasonable !== undefined && body.reasonable !== (body.judgement === 'reasonable'))
      issue('reasonable', `reasonable is ${body.reasonable} but judgement is ${body.judgement}`);
    const followUp = body.judgement === 'follow-up';
    if (followUp && body.reason === undefined) issue('reason', `a follow-up needs its reason (${FOLLOW_UP_REASONS.join(' | ')})`);
    if (followUp && body.followUpOn === undefined) issue('followUpOn', 'a follow-up needs the date its unit reports by (YYYY-MM-DD)');
    if (!followUp && body.reason !== undefined) issue('reason', 'only a follow-up judgement has a reason');
    if (!followUp && body.followUpOn !== undefined) issue('followUpOn', 'only a follow-up judgement has a date');
  });
export type JudgeEvaluationInput = z.infer<typeof JudgeEvaluationBody>;

/** A judgement as taken: the follow-up's reason and date present for `follow-up` only. */
export interface JudgeEvaluation {
  judgement: EvaluationJudgement;
  note: string;
  followUp: { reason: FollowUpReason; followUpOn: string } | null;
}

/** The judgement a valid body asks for (JudgeEvaluationBody has checked the combinations). */
export function judgementOf(input: JudgeEvaluationInput): JudgeEvaluation {
  const judgement = input.judgement ?? (input.reasonable ? 'reasonable' : 'unreasonable');
  return {
    judgement,
    note: input.note,
    followUp: judgement === 'follow-up' && input.reason && input.followUpOn ? { reason: input.reason, followUpOn: input.followUpOn } : null,
  };
}

/** Validates the path's request id and the body together, so one 400 names every bad field. */
export function parseWithRequestId<T>(schema: z.ZodType<T>, requestId: unknown, body: unknown): { requestId: string; input: T } {
  const id = RequestIdParams.shape.requestId.safeParse(requestId);
  const values = schema.safeParse(body ?? {});
  if (id.success && values.success) return { requestId: id.data, input: values.data };
  throw ProblemError.validation([
    ...(id.success ? [] : fieldErrors(id.error, 'requestId')),
    ...(values.success ? [] : fieldErrors(values.error)),
  ]);
}
