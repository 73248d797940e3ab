import { z } from 'zod';
import { assistingUnitIssues, MAX_ASSISTING_UNITS } from '@hotline/dispatch-domain';
import { PageQuery } from '@hotline/platform';

/** `GET /v1/dispatch-queue`: the platform's one paging shape. */
export const ListQueueQuery = PageQuery;

export const AssignBody = z
  .object({
    primaryUnitId: z.string().uuid(),
    assistingUnitIds: z.array(z.string().uuid()).max(MAX_ASSISTING_UNITS).default([]),
    /** 首接负责: the primary leads the coordination; absent: as the catalog entry says. */
    firstResponsible: z.boolean().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    for (const issue of assistingUnitIssues(body))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['assistingUnitIds', Number(issue.field.split('.')[1])], message: issue.message });
  });
export type Assign = z.infer<typeof AssignBody>;

export const RequestIdParams = z.object({ requestId: z.string().uuid() });
