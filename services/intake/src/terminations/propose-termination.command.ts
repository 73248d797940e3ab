import { EntityManager } from 'typeorm';
import { evidenceRefusal, proposalRefusal } from '@hotline/intake-domain';
import { FieldError, Identity, Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { RequestEntity } from '../requests/request.entity';
import { recordStep } from '../requests/request-status';
import { findRequest, lockProgress } from '../requests/requests.repository';
import { terminationStep } from '../timeline/termination-step';
import { insertTermination, openTerminationOf, requestsByNumber, Termination } from './terminations.repository';
import type { ProposeTermination } from './terminations.schemas';

/**
 * A hotline worker proposes to terminate a request (诉求终结) at whatever stage it is, with the
 * reason, the evidence (earlier requests of this hotline, checked to exist and to be earlier;
 * a hearing record) and the legal route the requester will be told. The request's row is locked,
 * so a closure or another proposal cannot pass meanwhile; one open proposal per request. Nothing
 * changes for the request until a second person approves; the proposal is a step of its timeline.
 * Staff text is masked as it is stored: it reaches events, and the legal route the public lookup.
 */
export async function proposeTermination(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  requestId: string,
  input: ProposeTermination,
  now: Date = new Date(),
): Promise<Termination> {
  const progress = await lockProgress(manager, requestId);
  if (!progress) throw ProblemError.notFound('request');
  const refusal = proposalRefusal(progress.status);
  if (refusal) throw ProblemError.conflict(refusal);
  const open = await openTerminationOf(manager, requestId);
  if (open) throw new ProblemError(409, 'termination_open', 'Termination open', `the request already has an open termination proposal (${open.id})`);

  const request = (await findRequest(manager, requestId)) as RequestEntity;
  const numbers = input.evidenceRequestNumbers ?? [];
  const cited = await requestsByNumber(manager, numbers);
  const errors: FieldError[] = [];
  numbers.forEach((number, i) => {
    const why = evidenceRefusal({ id: request.id, receivedAt: request.receivedAt }, cited.get(number));
    if (why) errors.push({ field: `evidenceRequestNumbers.${i}`, message: `${number}: ${why}` });
  });
  if (errors.length > 0) throw ProblemError.validation(errors);

  const termination: Termination = {
    id: uuidv7(),
    tenantId: who.tenantId,
    requestId,
    state: 'proposed',
    reasonCode: input.reasonCode,
    evidenceRequestNumbers: [...numbers],
    hearingRecord: input.hearingRecord === undefined ? null : maskPersonalData(input.hearingRecord),
    legalRoute: maskPersonalData(input.legalRoute),
    note: input.note === undefined ? null : maskPersonalData(input.note),
    proposedBy: who.subject,
    proposedAt: now,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  };
  await insertTermination(manager, termination);
  await recordStep(manager, outbox, who.tenantId, requestId, terminationStep('proposed', { reasonCode: input.reasonCode, at: now, actor: who.subject }, progress.status));
  return termination;
}
