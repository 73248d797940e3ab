import type { AnswerDraft } from './sign-off.repository';

/** A draft as the unit's staff see it: masked texts (a clear read goes through the audited answer read once it is answered). */
export function toDraftView(d: AnswerDraft) {
  return {
    workOrderId: d.workOrderId,
    state: d.state,
    answer: d.answer,
    basis: d.basis,
    contactRecord: d.contactRecord,
    submittedBy: d.submittedBy,
    submittedAt: d.submittedAt.toISOString(),
    returnedBy: d.returnedBy,
    returnedAt: d.returnedAt ? d.returnedAt.toISOString() : null,
    returnNote: d.returnNote,
  };
}
