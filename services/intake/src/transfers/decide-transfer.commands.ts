import { EntityManager } from 'typeorm';
import { transferStatusRefusal } from '@hotline/intake-domain';
import { Identity, Outbox, ProblemError, underTenant } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import type { RequestStatus, ScopeDecision, Urgency, RequestType } from '@hotline/vocabulary';
import { recordPiiAccess } from '../pii-access/pii-access-log';
import { openFreeText } from '../requests/free-text';
import { classify, recordNewRequest, RegisteredRequest } from '../requests/new-request';
import type { Registrar } from '../requests/registrar';
import { RequestEntity } from '../requests/request.entity';
import { openRequester } from '../requests/requester-identity';
import { recordStep } from '../requests/request-status';
import { appendTimelineStep, timelineOf } from '../requests/timeline.repository';
import { lockRequestForTransfer } from './transferred-request';
import { decideTransferSide, lockTransferSide, TransferSide } from './transfers.repository';
import { ReturnTransfer } from './transfers.schemas';

/** The receiving hotline's incoming side, locked, still offered (404 unknown, 409 decided). */
async function offeredToUs(manager: EntityManager, id: string): Promise<TransferSide> {
  const incoming = await lockTransferSide(manager, id, 'incoming');
  if (!incoming) throw ProblemError.notFound(`incoming transfer ${id}`);
  if (incoming.state !== 'offered') throw ProblemError.conflict(`transfer ${id} was already ${incoming.state}`);
  return incoming;
}

/**
 * The receiving hotline accepts (ADR 0027): in one transaction it reads the request at the
 * sender — the identity and text in clear, logged there as a disclosure for handling — and
 * registers it here under the same number, access code and receipt time, with the sender's
 * timeline before its own (RequestAccepted: this hotline's dispatch takes it from there); the
 * sender's request becomes `transferred`, which takes it out of the sender's queue.
 */
export async function acceptTransfer(manager: EntityManager, registrar: Registrar, who: Identity, id: string): Promise<RegisteredRequest> {
  const incoming = await offeredToUs(manager, id);
  const sender = incoming.counterpartTenant;
  const now = new Date();
  const origin = await underTenant(manager, sender, async () => {
    const outgoing = await lockTransferSide(manager, id, 'outgoing');
    if (!outgoing?.requestId || outgoing.state !== 'offered') throw ProblemError.conflict(`transfer ${id} is no longer offered by ${sender}`);
    const request = await lockRequestForTransfer(manager, outgoing.requestId);
    const refusal = transferStatusRefusal(request.status);
    if (refusal) throw ProblemError.conflict(`${sender} moved the request on: ${refusal}`);
    const requester = openRequester(registrar.cipher, request);
    const { text } = openFreeText(registrar.cipher, request);
    await recordPiiAccess(manager, { ...who, tenantId: sender }, {
      requestId: request.id, fields: ['requester', 'title', 'content'], purpose: 'handle-request', note: `transfer ${id} to ${who.tenantId}`,
    });
    return { request, requester, text, steps: await timelineOf(manager, request.id) };
  });

  const r: RequestEntity = origin.request;
  const classification = r.categoryCode ? await classify(manager, r.categoryCode) : undefined;
  const registered = await recordNewRequest(manager, registrar, who.tenantId, {
    channel: r.channel,
    requester: origin.requester,
    title: origin.text.title ?? undefined,
    content: origin.text.content,
    areaCode: r.areaCode,
    requestType: r.requestType as RequestType,
    urgency: r.urgency as Urgency,
    classification,
    scope: { decision: (r.scopeDecision ?? 'in-scope') as ScopeDecision },
    createdBy: who.subject,
    actor: who.subject,
    transferred: { fromTenant: sender, number: r.number, accessCodeHash: r.accessCodeHash, receivedAt: r.receivedAt },
  }, now);
  // The sender's steps come with it, each marked as the sender's; they changed nothing here.
  for (const step of origin.steps)
    await appendTimelineStep(manager, who.tenantId, registered.request.id, {
      at: step.at, eventType: step.eventType, note: `${sender}: ${step.note}`.trim(), actor: step.actor ?? `system:${sender}`,
      ...(step.status ? { status: step.status, reason: step.reason ?? undefined } : {}), round: step.round, changedStatus: false,
    });
  await decideTransferSide(manager, id, 'incoming', { state: 'accepted', decidedAt: now, decidedBy: who.subject, decisionNote: null, requestId: registered.request.id });

  await underTenant(manager, sender, async () => {
    await decideTransferSide(manager, id, 'outgoing', { state: 'accepted', decidedAt: now, decidedBy: who.subject, decisionNote: null });
    await manager.getRepository(RequestEntity).update({ id: r.id }, { transferredTo: who.tenantId });
    await recordStep(manager, registrar.outbox, sender, r.id, {
      at: now, eventType: 'intake.transferred-out', note: who.tenantId, actor: who.subject,
      change: { from: r.status as RequestStatus, to: 'transferred', reason: 'transferred-out' },
    });
  });
  return registered;
}

/** The receiving hotline returns the offer with its reason: the request stays with the sender, as it was. */
export async function returnTransfer(manager: EntityManager, outbox: Outbox, who: Identity, id: string, input: ReturnTransfer): Promise<TransferSide> {
  const incoming = await offeredToUs(manager, id);
  const decided = { state: 'returned' as const, decidedAt: new Date(), decidedBy: who.subject, decisionNote: maskPersonalData(input.reason) };
  await decideTransferSide(manager, id, 'incoming', decided);
  await underTenant(manager, incoming.counterpartTenant, async () => {
    const outgoing = await lockTransferSide(manager, id, 'outgoing');
    if (!outgoing?.requestId) throw new Error(`transfer ${id} has no outgoing side at ${incoming.counterpartTenant}`);
    await decideTransferSide(manager, id, 'outgoing', decided);
    await recordStep(manager, outbox, incoming.counterpartTenant, outgoing.requestId, {
      at: decided.decidedAt, eventType: 'intake.transfer-returned', note: who.tenantId, actor: who.subject,
    });
  });
  return { ...incoming, ...decided };
}
