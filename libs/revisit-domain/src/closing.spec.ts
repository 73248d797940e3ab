import {
  archivedClosureOf,
  closeAfterEvaluation,
  closeAfterSkip,
  closeIntoFollowUp,
  closingBasis,
  Evaluation,
  isResolved,
  needsJudgement,
  resolutionOf,
  revisitRefusal,
  skippedBasis,
  skipReasonFor,
  terminatedClosure,
} from './closing';
import { RequesterTrace } from './case-file';

const requester = (anonymous: boolean): RequesterTrace => ({ maskedName: anonymous ? '' : '张*', maskedPhone: '', anonymous, confidential: false });

describe('closing decisions', () => {
  const evaluation = (over: Partial<Evaluation> = {}): Evaluation => ({
    method: 'sms', resolution: 'partly-resolved', satisfaction: 'basically-satisfied', respondent: 'requester', defaulted: false,
    recordedAt: '2025-01-24T02:00:00.000Z', recordedBy: 'agent-1', ...over,
  });

  it('closes on an evaluation that stands by its recorder, with the evaluation; 部分解决 is not resolved', () => {
    const closure = closeAfterEvaluation(evaluation());
    expect(closure).toEqual({
      outcome: 'evaluated', closedAt: '2025-01-24T02:00:00.000Z', closedBy: 'agent-1', resolved: false, satisfaction: 'basically-satisfied', skipReason: null,
      basis: 'evaluated',
      revisit: {
        outcome: 'evaluated', method: 'sms', resolved: false, resolution: 'partly-resolved', satisfaction: 'basically-satisfied',
        respondent: 'requester', defaulted: false, recordedAt: '2025-01-24T02:00:00.000Z', recordedBy: 'agent-1',
      },
    });
    expect(archivedClosureOf(closure)).toEqual({ closedAt: '2025-01-24T02:00:00.000Z', closedBy: 'agent-1', outcome: 'evaluated', detail: null });
  });

  it('closes an evaluation judged unreasonable by the reviewer, keeping the judgement and the evaluations sent back before it', () => {
    const judged = { judgement: 'unreasonable' as const, note: '诉求超出政策范围', judgedAt: '2025-01-25T02:00:00.000Z', judgedBy: 'reviewer-1' };
    const earlier = [{ method: 'phone' as const, resolution: 'unresolved' as const, satisfaction: 'dissatisfied' as const, recordedAt: '2025-01-20T02:00:00.000Z',
      judgement: { ...judged, judgement: 'reasonable' as const, judgedAt: '2025-01-21T02:00:00.000Z' } }];
    const closure = closeAfterEvaluation(evaluation({ satisfaction: 'dissatisfied' }), judged, earlier);
    expect(closure).toMatchObject({ closedAt: '2025-01-25T02:00:00.000Z', closedBy: 'reviewer-1', satisfaction: 'dissatisfied' });
    expect(closure.revisit).toMatchObject({ judgement: judged, earlier });
  });

  it('holds 不满意 and 未解决 for a judgement, and reads the earlier boolean as 解决 or 未解决', () => {
    expect(needsJudgement({ resolution: 'resolved', satisfaction: 'dissatisfied' })).toBe(true);
    expect(needsJudgement({ resolution: 'unresolved', satisfaction: 'satisfied' })).toBe(true);
    expect(needsJudgement({ resolution: 'partly-resolved', satisfaction: 'basically-satisfied' })).toBe(false);
    expect([resolutionOf(true), resolutionOf(false)]).toEqual(['resolved', 'unresolved']);
    expect(isResolved('partly-resolved')).toBe(false);
  });

  it('applies the closing rule: no revisit needed, an evaluation that stands, judged unreasonable, or attempts exhausted', () => {
    const state = { revisitRequired: true, evaluation: null, judgement: null, attemptsExhausted: false };
    const dissatisfied = { resolution: 'resolved' as const, satisfaction: 'dissatisfied' as const };
    expect(closingBasis({ ...state, revisitRequired: false })).toBe('no-revisit');
    expect(closingBasis(state)).toBeNull();
    expect(closingBasis({ ...state, attemptsExhausted: true })).toBe('attempts-exhausted');
    expect(closingBasis({ ...state, evaluation: { resolution: 'resolved', satisfaction: 'satisfied' } })).toBe('evaluated');
    expect(closingBasis({ ...state, evaluation: dissatisfied })).toBeNull();
    expect(closingBasis({ ...state, evaluation: dissatisfied, judgement: 'reasonable' })).toBeNull();
    expect(closingBasis({ ...state, evaluation: dissatisfied, judgement: 'unreasonable' })).toBe('judged-unreasonable');
  });

  it('closes a skipped revisit by rule: revisit is the actor, nothing resolved, no satisfaction', () => {
    const closure = closeAfterSkip('anonymous-requester', '2025-01-24T02:00:00.000Z');
    expect(closure).toMatchObject({ outcome: 'skipped', closedBy: 'system:revisit', resolved: false, satisfaction: '', skipReason: 'anonymous-requester' });
    expect(closure.revisit).toEqual({ outcome: 'skipped', reason: 'anonymous-requester', skippedAt: '2025-01-24T02:00:00.000Z' });
  });

  it('skips the revisit of an anonymous requester only', () => {
    expect(skipReasonFor(requester(true))).toBe('anonymous-requester');
    expect(skipReasonFor(requester(false))).toBeNull();
    expect(skipReasonFor(null)).toBeNull();
  });

  it('allows a revisit only while awaiting it, and never for an anonymous requester', () => {
    const open = { status: 'awaiting-revisit' as const, skipReason: null };
    expect(revisitRefusal('r1', open, requester(false))).toBeUndefined();
    expect(revisitRefusal('r1', open, null)).toBeUndefined();
    expect(revisitRefusal('r1', { status: 'awaiting-review', skipReason: null }, null)).toBe('request r1 is awaiting-review, not awaiting revisit');
    expect(revisitRefusal('r1', { status: 'closed', skipReason: null }, null)).toBe('request r1 is closed, not awaiting revisit');
    expect(revisitRefusal('r1', open, requester(true))).toContain('anonymous-requester');
    expect(revisitRefusal('r1', { status: 'closed', skipReason: 'anonymous-requester' }, null)).toContain('anonymous-requester');
  });

  it('closes on a follow-up judgement (持续跟踪) and never on a reasonable one; a termination closes at any stage', () => {
    const state = { revisitRequired: true, evaluation: null, judgement: null, attemptsExhausted: false };
    const unresolved = { resolution: 'unresolved' as const, satisfaction: 'dissatisfied' as const };
    expect(closingBasis({ ...state, evaluation: unresolved, judgement: 'follow-up' })).toBe('follow-up');
    expect(closingBasis({ ...state, evaluation: unresolved, judgement: 'reasonable' })).toBeNull();
    // A termination wins over everything else, also while nothing else would close the request.
    expect(closingBasis({ ...state, terminated: true })).toBe('terminated');
    expect(closingBasis({ ...state, evaluation: unresolved, judgement: 'reasonable', terminated: true })).toBe('terminated');
    expect(closingBasis({ ...state, revisitRequired: false, terminated: true })).toBe('terminated');
    expect(closingBasis({ ...state, terminated: false })).toBeNull();
  });

  it('names the basis of every closure: evaluated, judged unreasonable, follow-up, no revisit, attempts exhausted', () => {
    const judged = (judgement: 'unreasonable' | 'follow-up') => ({ judgement, note: '说明', judgedAt: '2025-01-25T02:00:00.000Z', judgedBy: 'reviewer-1' });
    expect(closeAfterEvaluation(evaluation({ satisfaction: 'dissatisfied' }), judged('unreasonable')).basis).toBe('judged-unreasonable');
    expect(closeAfterEvaluation(evaluation({ satisfaction: 'dissatisfied' }), judged('follow-up')).basis).toBe('follow-up');
    expect(closeAfterSkip('attempts-exhausted', '2025-01-24T02:00:00.000Z').basis).toBe('attempts-exhausted');
    expect([skippedBasis('anonymous-requester'), skippedBasis('not-sampled'), skippedBasis('follow-up')]).toEqual(['no-revisit', 'no-revisit', 'follow-up']);
  });

  it('closes into a follow-up: the reviewer closes it, basis follow-up, and the archived closure keeps the follow-up', () => {
    const followUp = { followUpId: 'f1', reason: 'funding' as const, followUpOn: '2025-06-30', note: '道路改造资金待下达' };
    const closure = closeIntoFollowUp(closeAfterSkip('follow-up', '2025-01-24T02:00:00.000Z'), followUp, 'reviewer-1');
    expect(closure).toMatchObject({ outcome: 'skipped', skipReason: 'follow-up', basis: 'follow-up', closedBy: 'reviewer-1', followUp });
    expect(archivedClosureOf(closure)).toEqual({ closedAt: '2025-01-24T02:00:00.000Z', closedBy: 'reviewer-1', outcome: 'skipped', detail: null, followUp });
    // An ordinary closure's archived form is as before: no follow-up key.
    expect(Object.keys(archivedClosureOf(closeAfterEvaluation(evaluation())))).toEqual(['closedAt', 'closedBy', 'outcome', 'detail']);
  });

  it('archives a termination as the closure: approved when and by whom, the legal route as its detail, the evidence kept', () => {
    const t = {
      terminationId: 't1', reasonCode: 'repeated-no-new-facts', evidenceRequestNumbers: ['3201-20250101-000001', '3201-20250105-000002'],
      hearingRecord: null, legalRoute: '可依法申请行政复议', proposedBy: 'agent-1', approvedBy: 'supervisor-2', terminatedAt: '2025-01-26T02:00:00.000Z',
    };
    const closure = terminatedClosure(t);
    expect(closure).toEqual({
      closedAt: '2025-01-26T02:00:00.000Z', closedBy: 'supervisor-2', outcome: 'terminated', detail: '可依法申请行政复议',
      termination: {
        terminationId: 't1', reasonCode: 'repeated-no-new-facts', evidenceRequestNumbers: ['3201-20250101-000001', '3201-20250105-000002'],
        hearingRecord: null, proposedBy: 'agent-1', approvedBy: 'supervisor-2', terminatedAt: '2025-01-26T02:00:00.000Z',
      },
    });
    closure.termination?.evidenceRequestNumbers.push('x');
    expect(t.evidenceRequestNumbers).toHaveLength(2);
  });
});
