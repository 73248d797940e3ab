import { z } from 'zod';
import { parseRequestNumber } from '@hotline/intake-domain';
import { pageShape } from '@hotline/platform';
import { CALL_OUTCOMES, CALL_OUTCOMES_WITH_REQUEST, CALLBACK_RESULTS, CALLBACK_STATES, MARKABLE_CALL_OUTCOMES } from '@hotline/vocabulary';

/** Telephony call ids: letters, digits and . _ : @ - (they go in a path). */
export const CallIdParam = z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, 'a call id: 1 to 128 letters, digits or . _ : @ -');
export const CallbackIdParam = z.string().uuid();

const instant = z.string().datetime({ offset: true, message: 'an ISO 8601 instant with its offset, e.g. 2026-03-02T09:15:00+08:00' });
const RequestNumber = z
  .string()
  .max(64)
  .refine((n) => parseRequestNumber(n) !== undefined, 'a request number (流水号) such as a-20260301-000042');
/** The telephony may be a few minutes ahead of us; an end further in the future is an error. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** No hotline call record is older (and PostgreSQL has no year 0, which the ISO format allows). */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
/** No call waits and talks longer than a day: a longer span is a wrong time, not a call. */
const LONGEST_CALL_MS = 24 * 3600_000;

/** POST /v1/call-records: one call that entered an agent queue, as the telephony system reports it when it ends. */
export const CallRecordBody = z
  .object({
    callId: CallIdParam.describe("the telephony system's id of the call, unique within the hotline"),
    callerNumber: z
      .string()
      .regex(/^[0-9+-]{3,20}$/, 'digits, + and -, 3 to 20 characters')
      .optional()
      .describe('the calling number (encrypted at rest, never shown in clear); absent when withheld'),
    agentId: z.string().trim().min(1).max(64).optional().describe('the agent who answered (or whose phone rang)'),
    queue: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a queue code: 1 to 64 letters, digits or . _ -'),
    offeredAt: instant.describe('when the call entered the agent queue'),
    answeredAt: instant.optional().describe('when an agent answered; required for answered outcomes, absent for abandoned'),
    endedAt: instant.describe('when the call ended'),
    outcome: z.enum(CALL_OUTCOMES).describe('vocabulary CALL_OUTCOMES; `answered` when the agent has not marked it yet'),
    recordingRef: z.string().trim().min(1).max(512).optional().describe("the recording's reference in the telephony system"),
    requestNumber: RequestNumber.optional().describe('the request the call became, or the existing one it was about'),
  })
  .strict()
  .superRefine((b, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
    const offered = Date.parse(b.offeredAt);
    const ended = Date.parse(b.endedAt);
    const answered = b.answeredAt === undefined ? undefined : Date.parse(b.answeredAt);
    if (b.outcome === 'abandoned') {
      if (b.answeredAt !== undefined) issue('answeredAt', 'an abandoned call was not answered: leave answeredAt out');
      if (b.requestNumber !== undefined) issue('requestNumber', 'an abandoned call became no request');
    } else if (answered === undefined) issue('answeredAt', `required for the answered outcome ${b.outcome}`);
    if (b.requestNumber !== undefined && b.outcome !== 'abandoned' && !CALL_OUTCOMES_WITH_REQUEST.includes(b.outcome))
      issue('requestNumber', `a call of outcome ${b.outcome} names no request`);
    if (answered !== undefined && answered < offered) issue('answeredAt', 'must not be before offeredAt');
    if (answered !== undefined && answered > ended) issue('endedAt', 'must not be before answeredAt');
    else if (ended < offered) issue('endedAt', 'must not be before offeredAt');
    if (ended - offered > LONGEST_CALL_MS) issue('endedAt', 'more than 24 hours after offeredAt');
    if (ended > Date.now() + CLOCK_SKEW_MS) issue('endedAt', 'must not be in the future');
    if (offered < EARLIEST) issue('offeredAt', 'must not be before 2000-01-01');
  });
export type CallRecordInput = z.infer<typeof CallRecordBody>;

/** POST /v1/call-records/{callId}/outcome: what an answered call was, by the agent; a request outcome names it. */
export const MarkOutcomeBody = z
  .object({
    outcome: z.enum(MARKABLE_CALL_OUTCOMES).describe('vocabulary MARKABLE_CALL_OUTCOMES'),
    requestNumber: RequestNumber.optional().describe('required for request and existing-request, absent otherwise'),
  })
  .strict()
  .superRefine((b, ctx) => {
    const names = CALL_OUTCOMES_WITH_REQUEST.includes(b.outcome);
    if (names && b.requestNumber === undefined)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['requestNumber'], message: `required for the outcome ${b.outcome}` });
    if (!names && b.requestNumber !== undefined)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['requestNumber'], message: `a call of outcome ${b.outcome} names no request` });
  });
export type MarkOutcome = z.infer<typeof MarkOutcomeBody>;

const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real calendar date')
  .refine((d) => d >= '2000-01-01', 'not before 2000-01-01');
/** A report spans at most a quarter of days and queues (one row per day and queue). */
export const MAX_RATE_DAYS = 92;

/** GET /v1/call-records/rates: local days of the tenant, both ends included, optionally one queue. */
export const CallRatesQueryShape = z
  .object({ from: LocalDate, to: LocalDate, queue: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a queue code').optional() })
  .strict();
export const CallRatesQuery = CallRatesQueryShape.superRefine((q, ctx) => {
    const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'must not be before from' });
    else if (days + 1 > MAX_RATE_DAYS) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: `at most ${MAX_RATE_DAYS} days from from` });
  });
export type CallRatesRequest = z.infer<typeof CallRatesQuery>;

/** PUT /v1/call-policy: every threshold, stated in full. */
export const PutCallPolicyBody = z
  .object({
    answerTimelySeconds: z.number().int().min(1).max(600),
    shortAbandonSeconds: z.number().int().min(0).max(60),
    shortAbandonsCounted: z.boolean(),
    callbackShortAbandons: z.boolean(),
    callbackDueMinutes: z.number().int().min(1).max(10080),
    callbackMaxAttempts: z.number().int().min(1).max(10),
  })
  .strict();
export type PutCallPolicy = z.infer<typeof PutCallPolicyBody>;

const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

/** GET /v1/callbacks: by state (several comma-separated; open ones by default) and overdue, earliest due first. */
export const ListCallbacksQuery = z
  .object({
    state: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(CALLBACK_STATES)).min(1).max(CALLBACK_STATES.length))
      .optional(),
    overdue: booleanText.optional(),
    ...pageShape,
  })
  .strict();
export type ListCallbacks = z.infer<typeof ListCallbacksQuery>;

/** POST /v1/callbacks/{id}/result: what the dial gave; `reached` may name the request registered in the callback. */
export const CallbackResultBody = z
  .object({
    result: z.enum(CALLBACK_RESULTS).describe('vocabulary CALLBACK_RESULTS'),
    requestNumber: RequestNumber.optional(),
    note: z.string().trim().min(1).max(500).optional().describe('kept masked'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.requestNumber !== undefined && b.result !== 'reached')
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['requestNumber'], message: 'only a reached caller makes a request' });
  });
export type CallbackResultInput = z.infer<typeof CallbackResultBody>;

/** POST /v1/callbacks/{id}/cancel: why (a supervisor's decision, kept masked). */
export const CancelCallbackBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
