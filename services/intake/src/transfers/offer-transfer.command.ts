import { EntityManager } from 'typeorm';
import { transferPairRefusal, transferStatusRefusal } from '@hotline/intake-domain';
import { Identity, Outbox, ProblemError, TenantDirectory, underTenant, uuidv7 } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { recordStep } from '../requests/request-status';
import { lockRequestForTransfer, transferBriefOf } from './transferred-request';
import { insertTransferSide, openOutgoingTransferOf, TransferSide } from './transfers.repository';
import { OfferTransfer } from './transfers.schemas';

/**
 * The sending hotline offers a request to another hotline of its province (转办, ADR 0027): its
 * side is recorded as outgoing and the receiver's as incoming, in one transaction; the request
 * waits where it is until the receiver accepts or returns it. The reason stays with the two
 * hotlines (masked); the timeline names only the receiver.
 */
export async function offerTransfer(
  manager: EntityManager,
  outbox: Outbox,
  tenants: TenantDirectory,
  who: Identity,
  requestId: string,
  input: OfferTransfer,
): Promise<TransferSide> {
  const request = await lockRequestForTransfer(manager, requestId);
  const from = await tenants.find(who.tenantId, manager);
  const to = await tenants.find(input.toTenant, manager);
  if (!from) throw new Error(`tenant ${who.tenantId} is not in the directory`);
  const pair = transferPairRefusal(from, to);
  if (pair || !to) throw ProblemError.validation([{ field: 'toTenant', message: pair ?? 'no such hotline' }]);
  const status = transferStatusRefusal(request.status);
  if (status) throw ProblemError.conflict(status);
  const open = await openOutgoingTransferOf(manager, request.id);
  if (open) throw ProblemError.conflict(`the request is already offered to ${open.counterpartTenant}`);

  const offeredAt = new Date();
  const outgoing: TransferSide = {
    id: uuidv7(),
    tenantId: from.code,
    direction: 'outgoing',
    requestId: request.id,
    number: request.number,
    counterpartTenant: to.code,
    state: 'offered',
    reason: maskPersonalData(input.reason),
    brief: transferBriefOf(request),
    offeredAt,
    offeredBy: who.subject,
    decidedAt: null,
    decidedBy: null,
    decisionNote: null,
  };
  await insertTransferSide(manager, outgoing);
  await recordStep(manager, outbox, from.code, request.id, { at: offeredAt, eventType: 'intake.transfer-offered', note: to.code, actor: who.subject });
  await underTenant(manager, to.code, () =>
    insertTransferSide(manager, { ...outgoing, tenantId: to.code, direction: 'incoming', requestId: null, counterpartTenant: from.code }));
  return outgoing;
}
