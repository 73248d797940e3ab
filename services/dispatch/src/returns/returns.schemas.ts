import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { RETURN_DECISIONS, RETURN_REASONS, RETURN_STATUSES } from '@hotline/vocabulary';
import { UnitCode } from '../units/units.schemas';

const count = (min: number, max: number) => z.number().int().min(min).max(max);

/** `POST /v1/dispatches/:requestId/returns`: the primary unit returns its order (退单). */
export const FileReturnBody = z
  .object({
    reasonCode: z.enum(RETURN_REASONS).describe('one of the reasons the tenant accepts (return-policy)'),
    basis: z.string().trim().min(1).max(2000).describe('the law, 三定 rule or duty list the return rests on (理由和依据)'),
    suggestedUnitCode: UnitCode.optional().describe('the unit the returning unit thinks is right (建议承办单位): a code of the directory'),
  })
  .strict();
export type FileReturn = z.infer<typeof FileReturnBody>;

/** `POST /v1/returns/:returnId/decision`: the hotline's dispute review (争议审核). */
export const DecideReturnBody = z
  .object({
    decision: z.enum(RETURN_DECISIONS),
    note: z.string().trim().min(1).max(1000).describe('why the hotline decided so (kept internal)'),
  })
  .strict();
export type DecideReturn = z.infer<typeof DecideReturnBody>;

/** `PUT /v1/return-policy`: the tenant's return window, maximum attempts and accepted reasons. */
export const PutReturnPolicyBody = z
  .object({
    returnWindowWorkingDays: count(1, 10),
    maxDispatchAttempts: count(2, 10),
    returnReasons: z
      .array(z.enum(RETURN_REASONS))
      .min(1)
      .max(RETURN_REASONS.length)
      .superRefine((codes, ctx) => {
        codes.forEach((code, i) => {
          if (codes.indexOf(code) !== i) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: 'listed more than once' });
        });
      }),
  })
  .strict();
export type PutReturnPolicy = z.infer<typeof PutReturnPolicyBody>;

export const ReturnIdParams = z.object({ returnId: z.string().uuid() }).strict();

/** `GET /v1/returns`: the tenant's returns across requests, of one status when given. */
export const ListReturnsQuery = z.object({ status: z.enum(RETURN_STATUSES).optional(), ...pageShape }).strict();
export type ListReturns = z.infer<typeof ListReturnsQuery>;
