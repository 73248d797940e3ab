import { archivedClosureOf, closeAfterEvaluation, closeAfterSkip, revisitRefusal, skipReasonFor } from './closing';
import { RequesterTrace } from './case-file';

const requester = (anonymous: boolean): RequesterTrace => ({ maskedName: anonymous ? '' : '张*', maskedPhone: '', anonymous, confidential: false });

describe('closing decisions', () => {
  it('closes on a recorded revisit by its recorder, with the evaluation', () => {
    const closure = closeAfterEvaluation({
      method: 'sms', resolved: false, satisfaction: 'dissatisfied', recordedAt: '2025-01-24T02:00:00.000Z', recordedBy: 'agent-1',
    });
    expect(closure).toEqual({
      outcome: 'evaluated', closedAt: '2025-01-24T02:00:00.000Z', closedBy: 'agent-1', resolved: false, satisfaction: 'dissatisfied', skipReason: null,
      revisit: { outcome: 'evaluated', method: 'sms', resolved: false, satisfaction: 'dissatisfied', recordedAt: '2025-01-24T02:00:00.000Z', recordedBy: 'agent-1' },
    });
    expect(archivedClosureOf(closure)).toEqual({ closedAt: '2025-01-24T02:00:00.000Z', closedBy: 'agent-1', outcome: 'evaluated', detail: null });
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
});
