import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox, ProblemError, Timers } from '@hotline/platform';
import {
  isClosedStatus,
  LINKAGE_DECLINE_REASON_LABELS,
  LinkageCounterpart,
  LinkageDeclineReason,
  LinkageTransferState,
  StatusChangeReason,
} from '@hotline/vocabulary';
import { recordStep } from '../requests/request-status';
import { lockProgress } from '../requests/requests.repository';
import { decideTransfer, LinkageTransfer, lockTransfer } from './linkage.repository';
import { DECISION_DUE_TIMER } from './offer-transfer.command';

export interface Settlement {
  state: Exclude<LinkageTransferState, 'offered'>;
  at: Date;
  /** The peer's operator, or system:intake for a time-out. */
  by: string;
  declineReason?: LinkageDeclineReason;
  note?: string;
}

/** Why the request stops at 12345 when the counterpart takes it: 110 is the police (移送公安), the others emergency lines. */
function closingReason(transfer: LinkageTransfer): StatusChangeReason {
  return transfer.counterpart === '110' ? 'refer-police' : 'transfer-emergency';
}

/**
 * Settles an outgoing offer once: accepted closes the 12345 side (not accepted here, as
 * referred), declined or expired leaves the request where it was, back with the agent, with
 * the reason on its timeline. The timer is cancelled and TransferDecided written with it.
 * Settling again the same way is a no-op (false); another way is a conflict.
 */
export async function settleOutgoing(
  manager: EntityManager,
  outbox: Outbox,
  transferId: string,
  settlement: Settlement,
  /** The counterpart deciding: a peer decides only on what was offered to it. */
  decidingCounterpart?: LinkageCounterpart,
): Promise<{ transfer: LinkageTransfer; settled: boolean }> {
  const transfer = await lockTransfer(manager, transferId);
  if (!transfer || transfer.direction !== 'outgoing' || (decidingCounterpart && transfer.counterpart !== decidingCounterpart))
    throw ProblemError.notFound('transfer');
  if (transfer.state !== 'offered') {
    if (transfer.state === settlement.state) return { transfer, settled: false };
    throw ProblemError.conflict(`the transfer is already ${transfer.state}`);
  }
  const decision = {
    state: settlement.state,
    at: settlement.at,
    by: settlement.by,
    declineReason: settlement.declineReason ?? null,
    note: settlement.note?.slice(0, 500) ?? null,
  };
  await decideTransfer(manager, transfer.id, decision);
  await Timers.cancel(manager, DECISION_DUE_TIMER, transfer.id);
  const progress = await lockProgress(manager, transfer.requestId);
  const closes = settlement.state === 'accepted' && progress !== undefined && !isClosedStatus(progress.status);
  const why =
    settlement.state === 'accepted'
      ? `${transfer.counterpart} 已接收`
      : settlement.state === 'declined'
        ? `${transfer.counterpart} 拒收: ${LINKAGE_DECLINE_REASON_LABELS[settlement.declineReason ?? 'other'].zh}${settlement.note ? ` (${settlement.note})` : ''}`
        : `${transfer.counterpart} 超时未接收, 退回话务员`;
  await recordStep(manager, outbox, transfer.tenantId, transfer.requestId, {
    at: settlement.at,
    eventType: `intake.linkage-${settlement.state}`,
    note: why,
    actor: settlement.by,
    factKey: `linkage:${transfer.id}:decided`,
    ...(closes && progress ? { change: { from: progress.status, to: 'not-accepted', reason: closingReason(transfer) } } : {}),
  });
  await outbox.append(manager, {
    event: Events.intake.linkageTransferDecided,
    tenantId: transfer.tenantId,
    aggregateType: 'linkage-transfer',
    aggregateId: transfer.id,
    payload: {
      transferId: transfer.id,
      requestId: transfer.requestId,
      direction: 'outgoing',
      counterpart: transfer.counterpart,
      method: transfer.method,
      state: settlement.state,
      declineReason: settlement.declineReason ?? '',
      offeredAt: transfer.offeredAt.toISOString(),
      decidedAt: settlement.at.toISOString(),
      counterpartRef: transfer.counterpartRef ?? '',
    },
  });
  return { transfer: { ...transfer, state: settlement.state, decidedAt: settlement.at, decidedBy: settlement.by }, settled: true };
}
