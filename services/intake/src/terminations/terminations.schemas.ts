import { z } from 'zod';
import { evidenceIssues, MAX_EVIDENCE_REQUESTS, parseRequestNumber } from '@hotline/intake-domain';
import { pageShape } from '@hotline/platform';
import { TERMINATION_REASONS, TERMINATION_STATES } from '@hotline/vocabulary';

const RequestNumber = z
  .string()
  .max(64)
  .refine((n) => parseRequestNumber(n) !== undefined, 'a request number (流水号) such as a-20260301-000042');

/** A hotline worker proposes to terminate a request (诉求终结); a second person decides. */
export const ProposeTerminationBody = z
  .object({
    reasonCode: z.enum(TERMINATION_REASONS).describe('vocabulary TERMINATION_REASONS'),
    evidenceRequestNumbers: z
      .array(RequestNumber)
      .max(MAX_EVIDENCE_REQUESTS)
      .refine((numbers) => new Set(numbers).size === numbers.length, 'each request once')
      .optional()
      .describe('earlier requests of this hotline on the same matter; at least one for repeated-no-new-facts'),
    hearingRecord: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .describe('the hearing (听证) record or its reference; required for hearing-found-unreasonable (kept masked)'),
    legalRoute: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .describe('what the requester is told: the legal route (法定途径) open to them; shown on the public lookup (kept masked)'),
    note: z.string().trim().min(1).max(1000).optional().describe('for the approver (kept masked)'),
  })
  .strict()
  .superRefine((body, ctx) => {
    for (const issue of evidenceIssues(body)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [issue.field], message: issue.message });
  });
export type ProposeTermination = z.infer<typeof ProposeTerminationBody>;

export const RefuseTerminationBody = z
  .object({ reason: z.string().trim().min(1).max(1000).describe('why the termination is refused: the request goes on (kept masked)') })
  .strict();
export type RefuseTermination = z.infer<typeof RefuseTerminationBody>;

export const ListTerminationsQuery = z.object({ state: z.enum(TERMINATION_STATES).optional(), ...pageShape }).strict();
export type ListTerminations = z.infer<typeof ListTerminationsQuery>;

export const TerminationIdParam = z.string().uuid();
