import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Events } from '@hotline/contracts';
import type { Requester } from '@hotline/intake-domain';
import { uuidv7 } from '@hotline/platform';
import { LINKAGE_METHOD_LABELS } from '@hotline/vocabulary';
import { classify, recordNewRequest } from '../requests/new-request';
import type { Registrar } from '../requests/registrar';
import { recordStep } from '../requests/request-status';
import { findRequest } from '../requests/requests.repository';
import type { LinkagePeer } from './linkage-config';
import { findIncoming, insertTransfer } from './linkage.repository';
import type { IncomingMatter } from './linkage.schemas';

/** The channel an incoming matter is registered under (channel kind `linkage`). */
export const LINKAGE_CHANNEL = 'linkage';

export interface Receipt {
  receiverRef: string;
  receivedAt: string;
  duplicate: boolean;
}

/**
 * A counterpart pushes a matter to 12345 (110→12345): it becomes a request in the normal flow
 * (registered, accepted, then dispatch as any other), with the linkage on its timeline, and the
 * transfer is accepted at once (首接先行受理: what 110 hands over within 12345's scope is
 * taken). TransferDecided tells the peer. A retry with the same reference finds the request it
 * created and answers the same receipt; concurrent retries wait for each other on a lock.
 */
export async function receiveTransfer(
  manager: EntityManager,
  registrar: Registrar,
  peer: LinkagePeer,
  matter: z.infer<typeof IncomingMatter>,
  now: Date = new Date(),
): Promise<Receipt> {
  await manager.query(`select pg_advisory_xact_lock(hashtext($1))`, [`linkage:${peer.tenant}:${peer.counterpart}:${matter.senderRef}`]);
  const existing = await findIncoming(manager, peer.counterpart, matter.senderRef);
  if (existing) {
    const request = await findRequest(manager, existing.requestId);
    return { receiverRef: request?.number ?? existing.requestId, receivedAt: existing.offeredAt.toISOString(), duplicate: true };
  }
  const caller = matter.caller;
  const requester: Requester =
    caller && caller.name !== '' && caller.phone !== ''
      ? { anonymous: false, name: caller.name, phone: caller.phone, ...(matter.location.address ? { address: matter.location.address } : {}), confidential: false }
      : { anonymous: true };
  const classification = matter.categoryCode ? await classify(manager, matter.categoryCode) : undefined;
  const actor = `linkage:${peer.name}`;
  const { request } = await recordNewRequest(
    manager,
    registrar,
    peer.tenant,
    {
      channel: LINKAGE_CHANNEL,
      requester,
      content: matter.summary,
      areaCode: matter.location.areaCode,
      requestType: 'other',
      urgency: matter.urgency,
      classification,
      scope: { decision: 'in-scope' },
      createdBy: actor,
      actor,
    },
    now,
  );
  const transferId = uuidv7();
  await insertTransfer(manager, {
    id: transferId,
    tenantId: peer.tenant,
    requestId: request.id,
    direction: 'incoming',
    counterpart: peer.counterpart,
    method: matter.method,
    state: 'accepted',
    counterpartRef: matter.senderRef,
    listItemCode: matter.listItemCode || null,
    offeredBy: actor,
    offeredAt: matter.sentAt ? new Date(matter.sentAt) : now,
    decidedAt: now,
    decidedBy: 'system:intake',
    declineReason: null,
    decisionNote: null,
  });
  const category = matter.categoryName || matter.categoryCode;
  const { outbox } = registrar;
  await recordStep(manager, outbox, peer.tenant, request.id, {
    at: now,
    eventType: 'intake.linkage-received',
    note: `${peer.counterpart} ${LINKAGE_METHOD_LABELS[matter.method].zh} ${matter.senderRef}${category ? ` (${category})` : ''}`,
    actor,
    factKey: `linkage:${transferId}:received`,
  });
  await outbox.append(manager, {
    event: Events.intake.linkageTransferDecided,
    tenantId: peer.tenant,
    aggregateType: 'linkage-transfer',
    aggregateId: transferId,
    payload: {
      transferId,
      requestId: request.id,
      direction: 'incoming',
      counterpart: peer.counterpart,
      method: matter.method,
      state: 'accepted',
      declineReason: '',
      offeredAt: (matter.sentAt ? new Date(matter.sentAt) : now).toISOString(),
      decidedAt: now.toISOString(),
      counterpartRef: matter.senderRef,
    },
  });
  return { receiverRef: request.number, receivedAt: now.toISOString(), duplicate: false };
}
