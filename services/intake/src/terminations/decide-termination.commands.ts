import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { decisionRefusal, proposalRefusal, stateAfter, TerminationAction } from '@hotline/intake-domain';
import { Identity, ProblemError } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import type { Registrar } from '../requests/registrar';
import { RequestEntity } from '../requests/request.entity';
import { recordStep } from '../requests/request-status';
import { findRequest, lockProgress } from '../requests/requests.repository';
import { terminationStep } from '../timeline/termination-step';
import { notifyRequesterOfTermination } from './notify-requester';
import { decideTermination, lockTermination, Termination } from './terminations.repository';

/** The problem a refused decision answers: 403 for the two-person rule and a stranger's withdrawal, 409 once decided. */
function refused(refusal: NonNullable<ReturnType<typeof decisionRefusal>>): ProblemError {
  switch (refusal.kind) {
    case 'two-person-rule':
      return new ProblemError(403, 'two_person_rule', 'Two-person rule', refusal.detail);
    case 'not-proposer':
      return ProblemError.forbidden(refusal.detail);
    case 'not-open':
      return new ProblemError(409, 'termination_decided', 'Termination decided', refusal.detail);
  }
}

/**
 * Approves, refuses or withdraws an open proposal, the request's row and the proposal's locked
 * (the request's first, as every status change does). An approval, in this one transaction:
 * the proposal approved, the request moved to terminated through recordStep (RequestStatusChanged
 * with reason `terminated`, the next sequence, closed_at set), RequestTerminated in the outbox,
 * and the requester's notice enqueued. A request that closed meanwhile is not terminated (409):
 * the proposal is then refused or withdrawn. Refusal and withdrawal change only the proposal and
 * add a step to the timeline; the request goes on.
 */
export async function decideTerminationCommand(
  manager: EntityManager,
  registrar: Registrar,
  who: Identity,
  requestId: string,
  terminationId: string,
  action: TerminationAction,
  reason?: string,
  now: Date = new Date(),
): Promise<Termination> {
  const progress = await lockProgress(manager, requestId);
  if (!progress) throw ProblemError.notFound('request');
  const termination = await lockTermination(manager, requestId, terminationId);
  if (!termination) throw ProblemError.notFound(`termination ${terminationId} of this request`);
  const refusal = decisionRefusal(termination, who.subject, action);
  if (refusal) throw refused(refusal);
  if (action === 'approve') {
    const closed = proposalRefusal(progress.status);
    if (closed) throw ProblemError.conflict(`${closed}; refuse or withdraw the proposal`);
  }

  const state = stateAfter(action);
  const decision = { state, decidedBy: who.subject, decidedAt: now, decisionNote: reason === undefined ? null : maskPersonalData(reason) };
  await decideTermination(manager, termination.id, decision);
  const decided: Termination = { ...termination, ...decision };
  await recordStep(
    manager,
    registrar.outbox,
    who.tenantId,
    requestId,
    terminationStep(state, { reasonCode: termination.reasonCode, at: now, actor: who.subject }, progress.status),
  );
  if (action !== 'approve') return decided;

  const request = (await findRequest(manager, requestId)) as RequestEntity;
  await registrar.outbox.append(manager, {
    event: Events.intake.requestTerminated,
    tenantId: who.tenantId,
    aggregateType: 'request',
    aggregateId: requestId,
    payload: {
      requestId,
      number: request.number,
      terminationId: termination.id,
      reasonCode: termination.reasonCode,
      evidenceRequestNumbers: termination.evidenceRequestNumbers,
      hearingRecord: termination.hearingRecord ?? '',
      legalRoute: termination.legalRoute,
      proposedBy: termination.proposedBy,
      approvedBy: who.subject,
      terminatedAt: now.toISOString(),
    },
  });
  await notifyRequesterOfTermination(manager, registrar.cipher, request, termination, now);
  return decided;
}
