import { z } from 'zod';
import { pageShape } from '@hotline/platform';

export const ListApprovalsQuery = z.object({ kind: z.enum(['extension', 'pause']).optional(), ...pageShape }).strict();
export type ListApprovals = z.infer<typeof ListApprovalsQuery>;
