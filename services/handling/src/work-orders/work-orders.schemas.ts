import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { WORK_ORDER_STATUSES } from '@hotline/vocabulary';

export const ListWorkOrdersQuery = z
  .object({
    status: z.enum(WORK_ORDER_STATUSES).optional(),
    requestId: z.string().min(1).max(100).optional(),
    ...pageShape,
  })
  .strict();
export type ListWorkOrders = z.infer<typeof ListWorkOrdersQuery>;

export const AnswerBody = z
  .object({
    answer: z.string().trim().min(1).max(4000),
    basis: z.string().trim().min(1).max(1000).describe('政策/法律依据 cited'),
    contactRecord: z.string().trim().min(1).max(1000).describe('how and when the requester was contacted'),
  })
  .strict();
export type Answer = z.infer<typeof AnswerBody>;
