import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ProblemError } from '@hotline/platform';
import type { LinkagePeer } from './linkage-config';
import { acknowledgeNotice } from './risk-notice.repository';

/** 110's 签收 of a notice, checked as strictly as an HTTP body (INVALID_ARGUMENT names the field). */
export const IncomingRiskAcknowledgement = z.object({
  noticeRef: z.string({ required_error: 'required' }).uuid('the reference 12345 gave (a notice id)'),
  revision: z.number({ required_error: 'required' }).int().min(1).max(1_000_000),
  receiverRef: z.string().max(100).optional(),
  acknowledgedBy: z.string().max(100).optional(),
  acknowledgedAt: z.union([z.literal(''), z.string().datetime({ offset: true, message: 'an RFC 3339 instant' })]).optional(),
  note: z.string().max(500).optional(),
});
export type IncomingRiskAcknowledgement = z.infer<typeof IncomingRiskAcknowledgement>;

/**
 * A peer acknowledges a risk notice of its own tenant (row-level security: another hotline's
 * notice does not exist for it), idempotently by (notice, revision). Only the 110 peer is told
 * of risks, so only it can acknowledge one.
 */
export async function acknowledgeRiskNotice(manager: EntityManager, peer: LinkagePeer, ack: IncomingRiskAcknowledgement): Promise<{ duplicate: boolean }> {
  if (peer.counterpart !== '110') throw ProblemError.notFound('risk notice');
  const result = await acknowledgeNotice(manager, ack.noticeRef, {
    revision: ack.revision,
    by: ack.acknowledgedBy ? `linkage:${peer.name}:${ack.acknowledgedBy}` : `linkage:${peer.name}`,
    at: ack.acknowledgedAt ? new Date(ack.acknowledgedAt) : new Date(),
    note: ack.note || null,
    receiverRef: ack.receiverRef || null,
  });
  if (result === 'unknown') throw ProblemError.notFound('risk notice');
  if (result === 'unsent') throw ProblemError.conflict(`revision ${ack.revision} of this notice was never sent`);
  return result;
}
