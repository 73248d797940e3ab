import type { commonV1 } from '@hotline/contracts';
import {
  closureOf,
  evaluationOf,
  intakeClosureOf,
  judgementOf,
  requestAttributesOf,
  skipOf,
  statusChangeOf,
  terminationOf,
  UnusableEventError,
  workOrderAnsweredOf,
  workOrderCreatedOf,
  workOrderOverdueOf,
  workOrderReopenedOf,
} from './lifecycle.mappings';

const published = new Date('2025-03-03T09:00:00Z');
const brief = (over: Partial<commonV1.RequestBrief> = {}): commonV1.RequestBrief => ({
  requestId: 'r1', number: 'n', channel: 'phone', requestType: 'complaint', urgency: 'urgent', categoryCode: '030603', areaCode: '320100',
  title: 't', content: 'c', receivedAt: '2025-03-03T17:30:00Z', requesterMaskedName: '张*', requesterMaskedPhone: '138****5678',
  confidential: false, anonymous: false, categoryPath: ['03', '0306', '030603'], taxonomyVersion: 2, ...over,
});

describe('lifecycle event mappings', () => {
  it('reads a status change from intake, with its sequence as a number', () => {
    const change = statusChangeOf(
      { requestId: 'r1', fromStatus: 'answered', toStatus: 'in-progress', reason: 'review-failed', at: '2025-03-03T08:00:00Z', actor: 'system:intake', sequence: '6' },
      published,
    );
    expect(change).toEqual({ requestId: 'r1', status: 'in-progress', at: new Date('2025-03-03T08:00:00Z'), sequence: 6 });
    expect(statusChangeOf({ ...base(), at: '' }, published).at).toEqual(published);
  });

  it('refuses a status change it cannot apply: no request, an unknown status, a sequence that is not 1, 2, 3…', () => {
    expect(() => statusChangeOf({ ...base(), requestId: '' }, published)).toThrow(UnusableEventError);
    expect(() => statusChangeOf({ ...base(), toStatus: 'closed-at-intake' }, published)).toThrow(/not a request status/);
    for (const sequence of ['0', '-1', '1.5', 'x', ''])
      expect(() => statusChangeOf({ ...base(), sequence }, published)).toThrow(/sequence/);
  });

  it('keeps the request\'s attributes and never its requester', () => {
    const attributes = requestAttributesOf(brief());
    expect(attributes).toEqual({
      requestId: 'r1', number: 'n', receivedAt: new Date('2025-03-03T17:30:00Z'), day: '2025-03-04', requestType: 'complaint', urgency: 'urgent',
      categoryCode: '030603', areaCode: '3201', channel: 'phone', anonymous: false,
    });
    expect(JSON.stringify(attributes)).not.toMatch(/张|5678/);
    expect(requestAttributesOf(brief({ requestType: 'petition', urgency: '', receivedAt: 'soon', anonymous: true }))).toMatchObject({
      requestType: 'other', urgency: null, receivedAt: null, day: null, anonymous: true,
    });
    expect(() => requestAttributesOf(undefined)).toThrow(UnusableEventError);
  });

  it('reads how a request closed at intake; in-scope is no closure', () => {
    const closure = { request: brief(), outcome: 'direct-answer', detail: 'd', closedAt: '2025-03-03T08:00:00Z', closedBy: 'agent' };
    expect(intakeClosureOf(closure, published)).toEqual({ requestId: 'r1', outcome: 'direct-answer', closedAt: new Date('2025-03-03T08:00:00Z') });
    expect(() => intakeClosureOf({ ...closure, outcome: 'in-scope' }, published)).toThrow(UnusableEventError);
  });

  it('keeps the original handling due and the rework due of an answer apart', () => {
    const { ref, answer } = workOrderAnsweredOf(
      {
        workOrderId: 'w1', requestId: 'r1', unitId: 'u1', role: 'lead', answer: 'a', basis: '', contactRecord: '', answeredAt: '2025-03-10T00:00:00Z',
        onTime: false, reworkCount: 1, handlingWorkingHours: 30, answeredBy: 'op', signedOffBy: '', handleDueAt: '2025-03-05T00:00:00Z',
        reworkDueAt: '2025-03-12T00:00:00Z', reworkOnTime: true,
      },
      published,
    );
    expect(ref).toEqual({ workOrderId: 'w1', requestId: 'r1', unitId: 'u1', role: 'assisting' });
    expect(answer).toMatchObject({ onTime: false, handleDueAt: new Date('2025-03-05T00:00:00Z'), reworkDueAt: new Date('2025-03-12T00:00:00Z'), reworkOnTime: true });
    const first = workOrderAnsweredOf({ ...answeredBase(), reworkDueAt: '', reworkOnTime: false }, published).answer;
    expect(first).toMatchObject({ reworkDueAt: null, reworkOnTime: null });
  });

  it('reads creation, reopening and overdue clocks; refuses an unknown clock or a missing order id', () => {
    const { creation } = workOrderCreatedOf(
      { workOrderId: 'w1', request: brief(), unitId: 'u1', unitName: '水务局', role: 'primary', signDueAt: '', handleDueAt: '2025-03-20T00:00:00Z', createdAt: '', unitCode: 'W', dueProvisional: true },
      published,
    );
    expect(creation).toMatchObject({ createdAt: published, signDueAt: null, handleDueAt: new Date('2025-03-20T00:00:00Z'), dueProvisional: true, day: '2025-03-04' });
    const { reopening } = workOrderReopenedOf(
      { workOrderId: 'w1', requestId: 'r1', unitId: 'u1', reasons: [], reworkCount: 2, handleDueAt: '2025-03-05T00:00:00Z', reopenedAt: '2025-03-06T00:00:00Z', reworkDueAt: '2025-03-09T00:00:00Z' },
      published,
    );
    expect(reopening).toEqual({ reopenedAt: new Date('2025-03-06T00:00:00Z'), reworkCount: 2, reworkDueAt: new Date('2025-03-09T00:00:00Z') });
    const overdue = { workOrderId: 'w1', requestId: 'r1', unitId: 'u1', clock: 'rework', dueAt: '', flaggedAt: '' };
    expect(workOrderOverdueOf(overdue).clock).toBe('rework');
    expect(() => workOrderOverdueOf({ ...overdue, clock: 'review' })).toThrow(UnusableEventError);
    expect(() => workOrderOverdueOf({ ...overdue, workOrderId: '' })).toThrow(/work_order_id/);
  });

  it('reads evaluations, skips and closures of revisits', () => {
    const recorded = { revisitId: 'v1', requestId: 'r1', method: 'phone', resolved: true, satisfaction: 'basically-satisfied', recordedAt: '', unitId: 'u1', recordedBy: 'agent' };
    expect(evaluationOf(recorded, published)).toEqual({
      requestId: 'r1', revisitId: 'v1', unitId: 'u1', resolved: true, resolution: 'resolved', satisfaction: 'basically-satisfied',
      respondent: null, defaulted: false, recordedAt: published,
    });
    expect(() => evaluationOf({ ...recorded, satisfaction: 'happy' }, published)).toThrow(UnusableEventError);
    // Recorded before the three levels: `resolved` alone says resolved or not.
    expect(evaluationOf({ ...recorded, resolved: false }, published).resolution).toBe('unresolved');
    expect(evaluationOf({ ...recorded, resolved: false, resolution: 'partly-resolved', respondent: 'other', defaulted: true }, published)).toMatchObject({
      resolution: 'partly-resolved', respondent: 'other', defaulted: true,
    });
    expect(() => evaluationOf({ ...recorded, resolution: 'mostly' }, published)).toThrow(/resolution/);
    // The hotline's own check of an anonymous request: no satisfaction (未评价); from anyone else an empty one is refused.
    expect(evaluationOf({ ...recorded, satisfaction: '', respondent: 'hotline' }, published)).toMatchObject({ satisfaction: null, respondent: 'hotline' });
    expect(() => evaluationOf({ ...recorded, satisfaction: '', respondent: 'requester' }, published)).toThrow(/satisfaction/);
    expect(skipOf({ requestId: 'r1', reason: 'anonymous-requester', skippedAt: '', unitId: '' }, published)).toEqual({
      requestId: 'r1', unitId: null, reason: 'anonymous-requester', skippedAt: published,
    });
    const closed = { requestId: 'r1', closedAt: '2025-03-08T00:00:00Z', resolved: true, satisfaction: 'satisfied', closedBy: 'agent', revisitOutcome: 'evaluated' };
    expect(closureOf(closed, published)).toMatchObject({ revisitOutcome: 'evaluated', resolved: true, satisfaction: 'satisfied' });
    expect(closureOf({ ...closed, revisitOutcome: 'skipped', resolved: false, satisfaction: '' }, published)).toMatchObject({
      revisitOutcome: 'skipped', resolved: null, satisfaction: null,
    });
    // Published before revisits could be skipped: no outcome named, the answers kept.
    expect(closureOf({ ...closed, revisitOutcome: '' }, published)).toMatchObject({ revisitOutcome: null, resolved: true });
    // Closed after the hotline's own check: evaluated, resolved as it found, not rated.
    expect(closureOf({ ...closed, satisfaction: '' }, published)).toMatchObject({ revisitOutcome: 'evaluated', resolved: true, satisfaction: null });
  });

  it('reads judgements of evaluations: a known judgement code, else the boolean reasonable', () => {
    const judged = { requestId: 'r1', revisitId: 'v1', reasonable: true, note: '', judgedAt: '2025-03-09T00:00:00Z', judgedBy: 'reviewer', unitId: 'u1', workOrderId: 'w1' };
    expect(judgementOf(judged, published)).toEqual({
      requestId: 'r1', revisitId: 'v1', unitId: 'u1', workOrderId: 'w1', judgement: 'reasonable', judgedAt: new Date('2025-03-09T00:00:00Z'),
    });
    expect(judgementOf({ ...judged, reasonable: false, unitId: '', workOrderId: '' }, published)).toMatchObject({ judgement: 'unreasonable', unitId: null, workOrderId: null });
    // A judgement code this release does not know falls back to the boolean.
    expect(judgementOf({ ...judged, reasonable: false, judgement: 'something-new' } as typeof judged, published).judgement).toBe('unreasonable');
    expect(judgementOf({ ...judged, reasonable: true, judgement: 'unreasonable' } as typeof judged, published).judgement).toBe('unreasonable');
    expect(() => judgementOf({ ...judged, revisitId: '' }, published)).toThrow(/revisit_id/);
  });

  it('reads terminations with their reason, refusing a reason outside the vocabulary', () => {
    const terminated = {
      requestId: 'r1', number: 'n', terminationId: 't1', reasonCode: 'repeated-no-new-facts', evidenceRequestNumbers: ['n0'], hearingRecord: '',
      legalRoute: 'court', proposedBy: 'a', approvedBy: 'b', terminatedAt: '',
    };
    expect(terminationOf(terminated, published)).toEqual({ requestId: 'r1', terminationId: 't1', reasonCode: 'repeated-no-new-facts', terminatedAt: published });
    expect(() => terminationOf({ ...terminated, reasonCode: 'boring' }, published)).toThrow(UnusableEventError);
    expect(() => terminationOf({ ...terminated, requestId: '' }, published)).toThrow(/request_id/);
  });
});

function base() {
  return { requestId: 'r1', fromStatus: '', toStatus: 'registered', reason: 'registered', at: '2025-03-03T08:00:00Z', actor: 'system:intake', sequence: '1' };
}

function answeredBase() {
  return {
    workOrderId: 'w1', requestId: 'r1', unitId: 'u1', role: 'primary', answer: 'a', basis: '', contactRecord: '', answeredAt: '2025-03-04T00:00:00Z',
    onTime: true, reworkCount: 0, handlingWorkingHours: 3, answeredBy: 'op', signedOffBy: '', handleDueAt: '2025-03-05T00:00:00Z', reworkDueAt: '', reworkOnTime: false,
  };
}
