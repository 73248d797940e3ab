import { decidedStatus, decisionRefusal, isDecided, progressAfterDecision, statusOfNewAnswer } from './review';

describe('review rules', () => {
  it('moves the request on only when the primary answer passes', () => {
    expect(progressAfterDecision('primary', true)).toBe('awaiting-revisit');
    expect(progressAfterDecision('primary', false)).toBeUndefined();
    expect(progressAfterDecision('assisting', true)).toBeUndefined();
  });

  it('decides a review once: passed, failed and withdrawn are final', () => {
    expect(isDecided('pending')).toBe(false);
    for (const status of ['passed', 'failed', 'withdrawn', 'assist-input'] as const) expect(isDecided(status)).toBe(true);
    expect(decisionRefusal('r1', 'pending')).toBeUndefined();
    expect(decisionRefusal('r1', 'assist-input')).toMatch(/reviewed with the lead's answer/);
    expect(decisionRefusal('r1', 'passed')).toBe('review r1 was already decided (passed)');
    expect(decisionRefusal('r1', 'withdrawn')).toContain('withdrawn');
    expect(decidedStatus(true)).toBe('passed');
    expect(decidedStatus(false)).toBe('failed');
  });

  it('withdraws answers that arrive after their request closed', () => {
    expect(statusOfNewAnswer('primary', undefined)).toBe('pending');
    expect(statusOfNewAnswer('primary', 'awaiting-review')).toBe('pending');
    expect(statusOfNewAnswer('primary', 'awaiting-revisit')).toBe('pending');
    expect(statusOfNewAnswer('primary', 'closed')).toBe('withdrawn');
    expect(statusOfNewAnswer('assisting', 'awaiting-review')).toBe('assist-input');
    expect(statusOfNewAnswer('assisting', 'closed')).toBe('assist-input');
  });
});
