import { EntityManager } from 'typeorm';
import { answerTransition, canActFor, maySignOff, nextStatus } from '@hotline/handling-domain';
import { maskPersonalData } from '@hotline/privacy';
import { Identity, Outbox, PiiCipher, ProblemError } from '@hotline/platform';
import { sealAnswer } from '../work-orders/answer-text';
import { recordAnswer } from '../work-orders/answer-work-order.command';
import { lockOwnWorkOrder } from '../work-orders/own-work-order';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { Answer } from '../work-orders/work-orders.schemas';
import { AnswerDraft, deleteDraft, findDraft, isImportant, loadSignOffPolicy, saveDraft } from './sign-off.repository';
import { ReturnDraft } from './sign-off.schemas';

/**
 * A unit operator drafts the answer for the leader's sign-off (where the tenant requires it).
 * The order must be one the unit could answer now; the clock keeps running until the sign-off.
 */
export async function submitAnswerDraft(manager: EntityManager, cipher: PiiCipher, who: Identity, id: string, input: Answer): Promise<AnswerDraft> {
  const { order } = await lockOwnWorkOrder(manager, who, id, 'answer');
  if (!(await loadSignOffPolicy(manager)).required) throw ProblemError.conflict('this hotline does not ask for a leader sign-off: answer directly');
  const draft: AnswerDraft = {
    workOrderId: order.id,
    tenantId: order.tenantId,
    ...sealAnswer(cipher, who.tenantId, input),
    state: 'awaiting-sign-off',
    submittedBy: who.subject,
    submittedAt: new Date(),
    returnedBy: null,
    returnedAt: null,
    returnNote: null,
  };
  await saveDraft(manager, draft);
  return draft;
}

/** The order's draft, for its unit's staff (and the hotline, which sees every order). */
export async function draftOf(manager: EntityManager, who: Identity, id: string): Promise<AnswerDraft> {
  const order = await findVisibleWorkOrder(manager, who, id);
  const draft = await findDraft(manager, order.id);
  if (!draft) throw ProblemError.notFound(`answer draft of work order ${id}`);
  return draft;
}

/** The signer's own unit's order and its awaiting draft, locked: a 重件's signer is the unit's principal. */
async function leadersDraft(manager: EntityManager, who: Identity, id: string): Promise<{ order: WorkOrderEntity; draft: AnswerDraft }> {
  const order = await findVisibleWorkOrder(manager, who, id, true);
  if (!canActFor(who, order.unitCode)) throw ProblemError.forbidden("only the unit's leader signs its answers off");
  const important = await isImportant(manager, order, await loadSignOffPolicy(manager));
  if (!maySignOff(who.roles, important))
    throw ProblemError.forbidden(`this order's answer is signed off by the unit's ${important ? 'principal (主要负责人): it is a 重件' : 'leader (分管负责人)'}`);
  const draft = await findDraft(manager, order.id);
  if (!draft || draft.state !== 'awaiting-sign-off') throw ProblemError.conflict('no draft awaits the sign-off');
  return { order, draft };
}

/** The leader signs the draft off: it becomes the order's answer, by its drafter, and goes to review. */
export async function signOffAnswer(manager: EntityManager, outbox: Outbox, who: Identity, id: string): Promise<WorkOrderEntity> {
  const { order, draft } = await leadersDraft(manager, who, id);
  const status = nextStatus(order.status, answerTransition(order.role));
  if (!status) throw ProblemError.conflict(`work order is ${order.status}; cannot answer`);
  const { answer, answerEnc, basis, basisEnc, contactRecord, contactRecordEnc } = draft;
  const answered = await recordAnswer(manager, outbox, order, status, { answer, answerEnc, basis, basisEnc, contactRecord, contactRecordEnc }, {
    answeredBy: draft.submittedBy,
    signedOffBy: who.subject,
  });
  await deleteDraft(manager, order.id);
  return answered;
}

/** The leader sends the draft back with a note; the operator drafts again. */
export async function returnAnswerDraft(manager: EntityManager, who: Identity, id: string, input: ReturnDraft): Promise<AnswerDraft> {
  const { draft } = await leadersDraft(manager, who, id);
  const returned: AnswerDraft = { ...draft, state: 'returned', returnedBy: who.subject, returnedAt: new Date(), returnNote: maskPersonalData(input.note) };
  await saveDraft(manager, returned);
  return returned;
}

