import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Identity, Outbox, ProblemError, Timers, uuidv7 } from '@hotline/platform';
import { isClosedStatus, LINKAGE_METHOD_LABELS, LinkageCounterpart } from '@hotline/vocabulary';
import { recordStep } from '../requests/request-status';
import { lockProgress } from '../requests/requests.repository';
import type { LinkagePeers } from './linkage-config';
import { insertTransfer, LinkageTransfer } from './linkage.repository';
import type { OfferTransfer } from './linkage.schemas';

/** The durable timer that brings an unanswered offer back to the agent. */
export const DECISION_DUE_TIMER = 'linkage-decision-due';

/**
 * An agent offers a request to a counterpart (12345→110): the offer, its timeline step, the
 * TransferOffered event (intake's own consumer sends it to the peer, retrying until it answers)
 * and the timer after which an unanswered offer is back with the agent, in one transaction. The
 * request keeps its status until the peer accepts.
 */
export async function offerTransfer(
  manager: EntityManager,
  outbox: Outbox,
  peers: LinkagePeers,
  agent: Identity,
  requestId: string,
  input: OfferTransfer,
  decisionTimeoutSeconds: number,
  now: Date = new Date(),
): Promise<LinkageTransfer> {
  const counterpart: LinkageCounterpart = input.counterpart;
  if (!peers.of(agent.tenantId, counterpart))
    throw ProblemError.validation([{ field: 'counterpart', message: `this hotline has no interconnect with ${counterpart} configured` }]);
  const progress = await lockProgress(manager, requestId);
  if (!progress) throw ProblemError.notFound('request');
  if (isClosedStatus(progress.status)) throw ProblemError.conflict(`the request is ${progress.status}: nothing left to transfer`);
  const transfer: LinkageTransfer = {
    id: uuidv7(),
    tenantId: agent.tenantId,
    requestId,
    direction: 'outgoing',
    counterpart,
    method: input.method,
    state: 'offered',
    counterpartRef: null,
    listItemCode: input.listItemCode ?? null,
    offeredBy: agent.subject,
    offeredAt: now,
    decidedAt: null,
    decidedBy: null,
    declineReason: null,
    decisionNote: null,
  };
  if (!(await insertTransfer(manager, transfer))) throw ProblemError.conflict('the request already waits for a decision on another transfer');
  await recordStep(manager, outbox, agent.tenantId, requestId, {
    at: now,
    eventType: 'intake.linkage-offered',
    note: `${LINKAGE_METHOD_LABELS[input.method].zh} → ${counterpart}${input.listItemCode ? ` (${input.listItemCode})` : ''}`,
    actor: agent.subject,
    factKey: `linkage:${transfer.id}:offered`,
  });
  await outbox.append(manager, {
    event: Events.intake.linkageTransferOffered,
    tenantId: agent.tenantId,
    aggregateType: 'linkage-transfer',
    aggregateId: transfer.id,
    payload: {
      transferId: transfer.id,
      requestId,
      counterpart,
      method: input.method,
      offeredAt: now.toISOString(),
      offeredBy: agent.subject,
      listItemCode: input.listItemCode ?? '',
    },
  });
  await Timers.schedule(manager, {
    tenantId: agent.tenantId,
    kind: DECISION_DUE_TIMER,
    key: transfer.id,
    dueAt: new Date(now.getTime() + decisionTimeoutSeconds * 1000),
    payload: { transferId: transfer.id },
  });
  return transfer;
}
