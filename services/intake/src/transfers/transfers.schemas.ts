import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { TRANSFER_DIRECTIONS, TRANSFER_STATES } from '@hotline/vocabulary';

export const OfferTransferBody = z
  .object({
    toTenant: z.string().trim().min(1).max(64).describe('the receiving hotline (tenant code), of the same province'),
    reason: z.string().trim().min(1).max(500).describe('why it belongs there, e.g. 属地不符: the address is in another city (kept masked)'),
  })
  .strict();
export type OfferTransfer = z.infer<typeof OfferTransferBody>;

export const ReturnTransferBody = z
  .object({ reason: z.string().trim().min(1).max(500).describe('why the receiving hotline sends it back (kept masked)') })
  .strict();
export type ReturnTransfer = z.infer<typeof ReturnTransferBody>;

export const ListTransfersQuery = z
  .object({ direction: z.enum(TRANSFER_DIRECTIONS).optional(), state: z.enum(TRANSFER_STATES).optional(), ...pageShape })
  .strict();
export type ListTransfers = z.infer<typeof ListTransfersQuery>;
