import { commonV1, Events } from '@hotline/contracts';
import { progressAfter } from '@hotline/intake-domain';
import { planConsumers } from '@hotline/platform';
import { eventInstant } from './lifecycle-step';
import { answerReviewedStep } from './on-answer-reviewed.handler';
import { requestArchivedStep } from './on-request-archived.handler';
import { requestClosedStep } from './on-request-closed.handler';
import { requestDispatchedStep } from './on-request-dispatched.handler';
import { requestQueuedStep } from './on-request-queued.handler';
import { negotiationChangedStep } from './on-negotiation-changed.handler';
import { returnDecidedStep } from './on-return-decided.handler';
import { returnFiledStep } from './on-return-filed.handler';
import { revisitRecordedStep } from './on-revisit-recorded.handler';
import { revisitSkippedStep } from './on-revisit-skipped.handler';
import { workOrderAnsweredStep } from './on-work-order-answered.handler';
import { workOrderCancelledStep } from './on-work-order-cancelled.handler';
import { extensionDecidedStep, pauseChangedStep } from './on-work-order-clock-changed.handler';
import { workOrderCreatedStep } from './on-work-order-created.handler';
import { workOrderOverdueStep } from './on-work-order-overdue.handler';
import { workOrderReopenedStep } from './on-work-order-reopened.handler';
import { workOrderSignedStep } from './on-work-order-signed.handler';
import { publicTerminationStep, terminationStep } from './termination-step';
import { timelineHandlers } from './timeline.handlers';

const RECEIVED = new Date('2025-01-24T09:00:00Z');
const AT = '2025-01-24T02:05:00.000Z';
const brief = { requestId: 'r1' } as commonV1.RequestBrief;
const fact = (step: { fact: { at: Date } }) => ({ ...step.fact, at: step.fact.at.toISOString() });

describe('lifecycle events as timeline steps', () => {
  it('records an extension decided and a pause of the handling clock as steps that move no status', () => {
    const extension = extensionDecidedStep(
      { workOrderId: 'w1', requestId: 'r1', unitId: 'u1', extensionId: 'e1', status: 'approved', refusal: '', originalDueAt: AT, handlingDueAt: '2025-01-30T16:00:00.000Z', extraWorkingDays: 3, decidedAt: AT, decidedBy: 'city:sup', approvedCount: 1 },
      RECEIVED,
    );
    expect(fact(extension)).toEqual({ kind: 'work-order-clock-changed', at: AT, unitId: 'u1', entityId: 'extension:e1' });
    expect(extension.note).toContain('2025-01-30T16:00:00.000Z');
    const pause = pauseChangedStep(
      { workOrderId: 'w1', requestId: 'r1', unitId: 'u1', pauseId: 'p1', step: 'ended', reason: 'awaiting-requester', status: 'ended', at: AT, by: '', endKind: 'limit-reached', handlingDueAt: AT, resumesBy: '' },
      RECEIVED,
    );
    expect(fact(pause)).toEqual({ kind: 'work-order-clock-changed', at: AT, unitId: 'u1', entityId: 'pause:p1:ended' });
    expect(pause.actor).toBe('system:handling');
    expect(progressAfter({ status: 'in-progress', statusSince: RECEIVED, primaryUnitId: 'u1' }, pause.fact)).toEqual({ primaryUnitId: 'u1' });
  });

  it("dates a step by the event's own instant, or by its arrival when the instant is missing or bad", () => {
    expect(eventInstant(AT, RECEIVED).toISOString()).toBe(AT);
    expect(eventInstant('', RECEIVED)).toBe(RECEIVED);
    expect(eventInstant('yesterday', RECEIVED)).toBe(RECEIVED);
  });

  it('takes the dispatcher as actor, dispatch itself for the catalog, and names the primary unit', () => {
    const dispatched = {
      request: brief,
      assignments: [
        { unitId: 'u1', unitName: '住建局', role: 'primary', unitCode: 'zj' },
        { unitId: 'u2', unitName: '', role: 'assisting', unitCode: 'jd' },
      ],
      mode: 'manual',
      catalogVersion: 0,
      dispatchedAt: AT,
      dispatchedBy: 'dispatcher-7',
    };
    expect(requestDispatchedStep(dispatched, RECEIVED)).toEqual({
      requestId: 'r1',
      fact: { kind: 'dispatched', at: new Date(AT), primaryUnitId: 'u1' },
      actor: 'dispatcher-7',
      note: 'manual: 住建局 (primary), u2 (assisting)',
    });
    expect(requestDispatchedStep({ ...dispatched, mode: 'catalog', dispatchedBy: '' }, RECEIVED).actor).toBe('system:dispatch');
    expect(requestQueuedStep({ request: brief, reason: 'no catalog entry', queuedAt: AT }, RECEIVED)).toMatchObject({
      fact: { kind: 'queued-for-manual-dispatch' },
      actor: 'system:dispatch',
    });
  });

  it('takes the unit staff who signed and answered as actors, and keeps the answer text out', () => {
    const signed = workOrderSignedStep(
      { workOrderId: 'w1', requestId: 'r1', unitId: 'u1', signedAt: AT, onTime: false, signedBy: 'op-1' },
      RECEIVED,
    );
    expect(signed).toMatchObject({ actor: 'op-1', note: 'signed late' });
    expect(fact(signed)).toEqual({ kind: 'work-order-signed', at: AT, unitId: 'u1', entityId: 'w1' });
    const answered = workOrderAnsweredStep(
      {
        workOrderId: 'w1', requestId: 'r1', unitId: 'u1', role: 'primary', answer: '已维修完毕', basis: '条例', contactRecord: '电话',
        answeredAt: AT, onTime: false, reworkCount: 1, handlingWorkingHours: 3, answeredBy: '', signedOffBy: '', handleDueAt: AT, reworkDueAt: AT,
        reworkOnTime: true,
      },
      RECEIVED,
    );
    expect(answered).toMatchObject({
      actor: 'system:handling',
      note: 'primary answer, rework 1, late',
      fact: { role: 'primary', entityId: 'w1', reworkCount: 1 },
    });
    expect(JSON.stringify(answered)).not.toContain('已维修完毕');
  });

  it('reads the role a review states, and none from an older event', () => {
    const review = {
      reviewId: 'v1', requestId: 'r1', workOrderId: 'w1', unitId: 'u1', passed: true, reasons: [], reviewedAt: AT,
      reviewedBy: 'reviewer-1', role: 'assisting',
    };
    expect(answerReviewedStep(review, RECEIVED)).toMatchObject({
      actor: 'reviewer-1',
      note: 'review passed',
      fact: { kind: 'answer-reviewed', role: 'assisting', passed: true, unitId: 'u1', entityId: 'v1' },
    });
    const older = answerReviewedStep({ ...review, role: '', reviewedBy: '', passed: false }, RECEIVED);
    expect(older.fact.role).toBeUndefined();
    expect(older).toMatchObject({ actor: 'system:revisit', note: 'review failed' });
  });

  it('maps the events that set no status to steps with notes of codes only, each about its record', () => {
    const created = workOrderCreatedStep(
      {
        workOrderId: 'w1', request: brief, unitId: 'u1', unitName: '住建局', role: 'primary', signDueAt: AT, handleDueAt: AT,
        createdAt: AT, unitCode: 'zj', dueProvisional: true,
      },
      RECEIVED,
    );
    expect(created).toMatchObject({ requestId: 'r1', note: '住建局 (primary), due provisional', fact: { role: 'primary', unitId: 'u1', entityId: 'w1' } });
    const overdue = workOrderOverdueStep({ workOrderId: 'w1', requestId: 'r1', unitId: 'u1', clock: 'rework', dueAt: AT, flaggedAt: '' }, RECEIVED);
    expect(overdue).toMatchObject({
      note: 'rework overdue',
      actor: 'system:handling',
      fact: { kind: 'work-order-overdue', at: RECEIVED, entityId: 'w1/rework' },
    });
    const cancelled = workOrderCancelledStep(
      { workOrderId: 'w1', requestId: 'r1', unitId: 'u2', role: 'assisting', reason: 'request-closed', previousStatus: 'answered', cancelledAt: AT },
      RECEIVED,
    );
    expect(cancelled).toMatchObject({ note: 'assisting order cancelled: request-closed (was answered)', fact: { kind: 'work-order-cancelled', entityId: 'w1' } });
    const skipped = revisitSkippedStep({ requestId: 'r1', reason: 'anonymous-requester', skippedAt: AT, unitId: 'u1' }, RECEIVED);
    expect(skipped).toMatchObject({ note: 'revisit skipped: anonymous-requester', actor: 'system:revisit', fact: { kind: 'revisit-skipped' } });
  });

  it('maps a return and its dispute review to steps without a status, by who did them, with codes only', () => {
    const unit = { unitId: 'u1', unitName: '住建局', role: 'primary', unitCode: 'zj' };
    const filed = returnFiledStep(
      { returnId: 'x1', requestId: 'r1', attempt: 1, unit, reasonCode: 'not-our-duty', returnedBy: 'op-1', returnedAt: AT, windowDueAt: AT },
      RECEIVED,
    );
    expect(filed).toEqual({
      requestId: 'r1',
      fact: { kind: 'return-filed', at: new Date(AT), unitId: 'u1', role: 'primary', entityId: 'x1' },
      actor: 'op-1',
      note: 'returned by 住建局 (not-our-duty), attempt 1: in dispute review',
    });
    const decided = returnDecidedStep(
      { returnId: 'x1', requestId: 'r1', attempt: 1, unit, reasonCode: 'not-our-duty', outcome: 'rejected', decidedBy: '', decidedAt: '' },
      RECEIVED,
    );
    expect(decided).toMatchObject({ actor: 'system:dispatch', note: 'return by 住建局 rejected: the unit handles the order, its clocks as they ran' });
    expect(decided.fact).toMatchObject({ kind: 'return-decided', at: RECEIVED, entityId: 'x1' });
    // Neither stands for a status: the request does not step back (docs/lifecycle.md).
    const progress = { status: 'in-progress' as const, statusSince: new Date(0), primaryUnitId: 'u1' };
    expect(progressAfter(progress, filed.fact)).toEqual({ primaryUnitId: 'u1' });
    expect(progressAfter(progress, decided.fact)).toEqual({ primaryUnitId: 'u1' });
  });

  it('maps a negotiation (协商) opened, settled and lapsed to steps without a status, each once', () => {
    const base = { negotiationId: 'n1', requestId: 'r1', candidateUnitIds: ['u1', 'u2'], dueAt: AT, outcome: '', primaryUnitId: '', assistingUnitIds: [], changedBy: 'disp-1', changedAt: AT };
    const opened = negotiationChangedStep({ ...base, state: 'open' }, RECEIVED);
    expect(opened).toEqual({
      requestId: 'r1', actor: 'disp-1', note: `negotiation among 2 candidate units, due ${AT}`,
      fact: { kind: 'negotiation-changed', at: new Date(AT), entityId: 'n1:open' },
    });
    const settled = negotiationChangedStep({ ...base, state: 'settled', outcome: 'agreed', primaryUnitId: 'u1', assistingUnitIds: ['u2'] }, RECEIVED);
    expect(settled).toMatchObject({ note: 'negotiation settled (agreed): lead unit u1, assisting u2', fact: { entityId: 'n1:settled' } });
    const lapsed = negotiationChangedStep({ ...base, state: 'lapsed', changedBy: '', changedAt: '' }, RECEIVED);
    expect(lapsed).toMatchObject({ actor: 'system:dispatch', note: 'negotiation lapsed at its deadline: the hotline decides the lead unit', fact: { at: RECEIVED } });
    const progress = { status: 'awaiting-dispatch' as const, statusSince: new Date(0), primaryUnitId: null };
    expect(progressAfter(progress, settled.fact)).toEqual({ primaryUnitId: null });
  });

  it('maps rework, revisit, closure and archiving with their actors', () => {
    const reopened = workOrderReopenedStep(
      { workOrderId: 'w1', requestId: 'r1', unitId: 'u1', reasons: ['不完整'], reworkCount: 2, handleDueAt: AT, reopenedAt: AT, reworkDueAt: AT },
      RECEIVED,
    );
    expect(reopened).toMatchObject({ note: `rework 2, due ${AT}`, fact: { kind: 'work-order-reopened', unitId: 'u1', entityId: 'w1', reworkCount: 2 } });
    expect(JSON.stringify(reopened)).not.toContain('不完整');
    const recorded = revisitRecordedStep(
      { revisitId: 'v', requestId: 'r1', method: 'phone', resolved: false, satisfaction: 'dissatisfied', recordedAt: AT, unitId: 'u1', recordedBy: 'agent-3' },
      RECEIVED,
    );
    expect(recorded).toMatchObject({ actor: 'agent-3', note: 'phone: dissatisfied, unresolved', fact: { entityId: 'v' } });
    const closed = requestClosedStep(
      { requestId: 'r1', closedAt: AT, resolved: false, satisfaction: '', closedBy: '', revisitOutcome: 'skipped' },
      RECEIVED,
    );
    expect(closed).toMatchObject({ actor: 'system:revisit', note: 'skipped', fact: { kind: 'request-closed' } });
    const archived = requestArchivedStep(
      { requestId: 'r1', archiveId: 'a', sequence: '7', recordHash: 'h', previousHash: 'g', archivedAt: AT },
      RECEIVED,
    );
    expect(archived).toMatchObject({ actor: 'system:revisit', note: 'archive 7', fact: { kind: 'request-archived', entityId: 'a' } });
  });

  it('records a termination as intake steps of codes only; only the approval moves the status, and the public step names no one', () => {
    const at = new Date(AT);
    const proposed = terminationStep('proposed', { reasonCode: 'repeated-no-new-facts', at, actor: 'city-a:agent-1' }, 'in-progress');
    expect(proposed).toEqual({ at, eventType: 'intake.termination-proposed', actor: 'city-a:agent-1', note: 'termination proposed: repeated-no-new-facts' });
    const approved = terminationStep('approved', { reasonCode: 'repeated-no-new-facts', at, actor: 'city-a:sup-1' }, 'in-progress');
    expect(approved).toMatchObject({ eventType: 'intake.terminated', change: { from: 'in-progress', to: 'terminated', reason: 'terminated' } });
    for (const state of ['refused', 'withdrawn'] as const)
      expect(terminationStep(state, { reasonCode: 'malicious-use', at, actor: 'x' }, 'dispatched').change).toBeUndefined();
    const route = { reasonCode: 'statutory-route' as const, legalRoute: '可向玄武区人民法院提起诉讼' };
    expect(publicTerminationStep({ status: 'terminated' as const, at: AT }, route)).toEqual({ status: 'terminated', at: AT, ...route });
    expect(publicTerminationStep({ status: 'registered' as const, at: AT }, route)).toEqual({ status: 'registered', at: AT });
  });

  it('keeps the three deployed whole-stream consumers, one handler per lifecycle event', () => {
    const plans = planConsumers('intake', '', timelineHandlers);
    expect(plans.map((p) => [p.spec.durable, p.spec.filterSubject, p.types?.size])).toEqual([
      ['intake--hl-dispatch-v1--timeline', undefined, 5],
      ['intake--hl-handling-v1--timeline', undefined, 8],
      ['intake--hl-revisit-v1--timeline', undefined, 5],
    ]);
    expect(plans[1]?.types?.has(Events.handling.calendarChanged.type)).toBe(false);
  });
});
