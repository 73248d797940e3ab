import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { DATA_SHARING_ACCESS_PURPOSE, PII_ACCESS_PURPOSES, REQUESTER_CONTACT_PURPOSES } from '@hotline/vocabulary';
import { UNSTATED_PURPOSE } from './pii-access-log';


/** What every clear read states: why (one of the vocabulary's purposes), and optionally a short note. */
export const ClearReadQuery = z
  .object({
    // The message handling's clear read gives too.
    purpose: z.enum(PII_ACCESS_PURPOSES, { errorMap: () => ({ message: `must state why, one of: ${PII_ACCESS_PURPOSES.join(', ')}` }) }),
    note: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type ClearRead = z.infer<typeof ClearReadQuery>;

const instant = z.string().datetime({ offset: true });

/** The access log, newest first, narrowed by request (id or 流水号), reader, purpose and time (`from` inclusive, `to` exclusive). */
export const ListPiiAccessShape = z
  .object({
    requestId: z.string().uuid().optional(),
    number: z.string().min(1).max(64).optional(),
    subject: z.string().min(1).max(200).optional(),
    purpose: z.enum([...PII_ACCESS_PURPOSES, ...REQUESTER_CONTACT_PURPOSES, DATA_SHARING_ACCESS_PURPOSE, UNSTATED_PURPOSE]).optional(),
    from: instant.optional(),
    to: instant.optional(),
    ...pageShape,
  })
  .strict();
export const ListPiiAccessQuery = ListPiiAccessShape.refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), { message: 'must not be before from', path: ['to'] });
export type ListPiiAccess = z.infer<typeof ListPiiAccessQuery>;
