import type { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { EventHandlerDefinition, onEvent, onTimer, ServiceContext, TimerDefinition } from '@hotline/platform';
import { LinkageProgressStep, RequestStatus, Urgency } from '@hotline/vocabulary';
import { findRequest } from '../requests/requests.repository';
import { maskedRequester } from '../requests/requests.views';
import { linkageOf } from './linkage-client';
import { toWire } from './linkage-wire';
import { findIncomingOfRequest, findTransfer, insertProgress, lockTransfer, setCounterpartRef } from './linkage.repository';
import { DECISION_DUE_TIMER } from './offer-transfer.command';
import { settleOutgoing } from './settle-transfer.command';

/** intake's own consumer of its linkage facts: `intake--hl-intake-v1--linkage`. */
const LINKAGE = 'linkage';

/** TransferOffered → the matter goes to the peer (masked caller), and its receipt is kept. */
export const onTransferOffered = onEvent(Events.intake.linkageTransferOffered, LINKAGE, async (event, manager, ctx) => {
  const transfer = await findTransfer(manager, event.payload.transferId);
  if (!transfer || transfer.state !== 'offered') return; // decided or expired meanwhile: nothing to send
  const { clients, cipher } = linkageOf(ctx);
  const peer = clients.peers.of(event.tenantId, transfer.counterpart);
  const request = await findRequest(manager, transfer.requestId);
  if (!peer || !request) {
    ctx.logger.warn({ transferId: transfer.id }, 'linkage offer has no configured peer or request; it will expire back to the agent');
    return;
  }
  const requester = maskedRequester(cipher, request);
  const receipt = await clients.call(peer, 'TransferMatter', transfer.id, (c) => c.transferMatter, {
    senderRef: transfer.id,
    summary: request.content,
    categoryCode: request.categoryCode ?? '',
    categoryName: '',
    location: { areaCode: request.areaCode, address: '' },
    urgency: toWire.urgency(request.urgency as Urgency),
    caller: requester.anonymous ? undefined : { name: requester.name, phone: requester.phone },
    method: toWire.method(transfer.method),
    listItemCode: transfer.listItemCode ?? '',
    sentAt: transfer.offeredAt.toISOString(),
  });
  await setCounterpartRef(manager, transfer.id, receipt.receiverRef);
});

/** TransferDecided of an incoming matter → the peer hears it was accepted, and received. */
export const onTransferDecided = onEvent(Events.intake.linkageTransferDecided, LINKAGE, async (event, manager, ctx) => {
  const e = event.payload;
  if (e.direction !== 'incoming') return;
  const transfer = await findTransfer(manager, e.transferId);
  if (!transfer) return;
  const { clients } = linkageOf(ctx);
  const peer = clients.peers.of(event.tenantId, transfer.counterpart);
  const request = await findRequest(manager, transfer.requestId);
  if (!peer || !request) return;
  await clients.call(peer, 'DecideTransfer', e.counterpartRef, (c) => c.decideTransfer, {
    senderRef: e.counterpartRef,
    receiverRef: request.number,
    decision: 1,
    declineReason: '',
    note: '',
    decidedBy: '12345',
    decidedAt: e.decidedAt,
  });
  await reportStep(ctx, manager, transfer.id, 'received', new Date(e.decidedAt));
});

/** The request status that a peer hears about as progress of the matter it pushed. */
const STEP_OF: Partial<Record<RequestStatus, LinkageProgressStep>> = {
  dispatched: 'dispatched',
  answered: 'handled',
  closed: 'closed',
  'not-accepted': 'closed',
  merged: 'closed',
};

async function reportStep(
  ctx: ServiceContext,
  manager: EntityManager,
  transferId: string,
  step: LinkageProgressStep,
  at: Date,
): Promise<void> {
  const transfer = await findTransfer(manager, transferId);
  if (!transfer?.counterpartRef) return;
  const { clients } = linkageOf(ctx);
  const peer = clients.peers.of(transfer.tenantId, transfer.counterpart);
  const request = await findRequest(manager, transfer.requestId);
  if (!peer || !request) return;
  // Recorded first, in this transaction: if the call fails the record rolls back with it and the event is redelivered.
  if (!(await insertProgress(manager, transfer.tenantId, transfer.id, step, at, ''))) return;
  await clients.call(peer, 'ReportTransferStatus', transfer.counterpartRef, (c) => c.reportTransferStatus, {
    senderRef: transfer.counterpartRef,
    receiverRef: request.number,
    step: toWire.step(step),
    occurredAt: at.toISOString(),
    note: '',
  });
}

/** RequestStatusChanged of a request a peer pushed → its status callback (dispatched, handled, closed). */
export const onLinkedRequestStatus = onEvent(Events.intake.requestStatusChanged, LINKAGE, async (event, manager, ctx) => {
  const step = STEP_OF[event.payload.toStatus as RequestStatus];
  if (!step) return;
  const transfer = await findIncomingOfRequest(manager, event.payload.requestId);
  if (!transfer) return;
  await reportStep(ctx, manager, transfer.id, step, new Date(event.payload.at));
});

/** No decision in time: the offer expires and the request is back with the agent. */
export const onDecisionDue = onTimer(DECISION_DUE_TIMER, async (timer, manager, ctx) => {
  const transferId = String(timer.payload.transferId);
  const transfer = await lockTransfer(manager, transferId);
  if (!transfer || transfer.state !== 'offered') return;
  await settleOutgoing(manager, ctx.outbox, transferId, { state: 'expired', at: new Date(), by: 'system:intake' });
});

export const linkageHandlers: readonly EventHandlerDefinition[] = [onTransferOffered, onTransferDecided, onLinkedRequestStatus];
export const linkageTimers: readonly TimerDefinition[] = [onDecisionDue];
