import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Outbox, ProblemError } from '@hotline/platform';
import { LINKAGE_PROGRESS_STEP_LABELS } from '@hotline/vocabulary';
import { recordStep } from '../requests/request-status';
import type { LinkagePeer } from './linkage-config';
import { findTransfer, insertProgress, setCounterpartRef } from './linkage.repository';
import type { IncomingProgress } from './linkage.schemas';

/**
 * A counterpart reports how far it has handled a matter 12345 gave it (status callback): kept
 * once per step, and on the request's timeline. Only a transfer of this peer can be reported on.
 */
export async function reportProgress(
  manager: EntityManager,
  outbox: Outbox,
  peer: LinkagePeer,
  report: z.infer<typeof IncomingProgress>,
): Promise<{ duplicate: boolean }> {
  const transfer = await findTransfer(manager, report.senderRef);
  if (!transfer || transfer.direction !== 'outgoing' || transfer.counterpart !== peer.counterpart) throw ProblemError.notFound('transfer');
  if (transfer.state === 'declined' || transfer.state === 'expired')
    throw ProblemError.conflict(`the transfer is ${transfer.state}: the matter stayed with 12345`);
  if (report.receiverRef) await setCounterpartRef(manager, transfer.id, report.receiverRef);
  const at = new Date(report.occurredAt);
  const recorded = await insertProgress(manager, transfer.tenantId, transfer.id, report.step, at, report.note);
  if (recorded)
    await recordStep(manager, outbox, transfer.tenantId, transfer.requestId, {
      at,
      eventType: `intake.linkage-${report.step}`,
      note: `${peer.counterpart} ${LINKAGE_PROGRESS_STEP_LABELS[report.step].zh}${report.note ? `: ${report.note}` : ''}`,
      actor: `linkage:${peer.name}`,
      factKey: `linkage:${transfer.id}:progress:${report.step}`,
    });
  return { duplicate: !recorded };
}
