import { terminationChange } from '@hotline/intake-domain';
import type { RequestStatus, TerminationReason, TerminationState } from '@hotline/vocabulary';
import type { RequestStep } from '../requests/request-status';

/** intake's own step types of a termination (诉求终结) in a request's timeline. */
export const TERMINATION_STEP_TYPES: Record<TerminationState, string> = {
  proposed: 'intake.termination-proposed',
  approved: 'intake.terminated',
  refused: 'intake.termination-refused',
  withdrawn: 'intake.termination-withdrawn',
};

/**
 * The step a termination's proposal or decision adds to the request's timeline, by whoever took
 * it (staff see the actor; the public lookup never does). Its note holds codes only — the
 * reason, never the evidence, the hearing record or the notes. Only an approval moves the status:
 * to terminated, announced by RequestStatusChanged (reason `terminated`) like every change.
 */
export function terminationStep(
  state: TerminationState,
  t: { reasonCode: TerminationReason; at: Date; actor: string },
  currentStatus: RequestStatus,
): RequestStep {
  const base = { at: t.at, eventType: TERMINATION_STEP_TYPES[state], actor: t.actor };
  switch (state) {
    case 'proposed':
      return { ...base, note: `termination proposed: ${t.reasonCode}` };
    case 'approved':
      return { ...base, note: `terminated: ${t.reasonCode}`, change: terminationChange(currentStatus) };
    case 'refused':
      return { ...base, note: `termination refused: ${t.reasonCode}` };
    case 'withdrawn':
      return { ...base, note: `termination withdrawn: ${t.reasonCode}` };
  }
}

/** What the public lookup adds to its 已终结 step: the reason and the legal route the requester is told, never who decided. */
export interface PublicTermination {
  reasonCode: TerminationReason;
  legalRoute: string;
}

export function publicTerminationStep<S extends { status: RequestStatus | null }>(step: S, termination: PublicTermination | null) {
  return step.status === 'terminated' && termination ? { ...step, reasonCode: termination.reasonCode, legalRoute: termination.legalRoute } : step;
}
