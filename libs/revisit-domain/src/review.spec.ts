import { archivedReviews, canRecordRevisit, finalPrimaryAnswer, progressAfterDecision, ReviewFacts } from './review';

const review = (workOrderId: string, reworkCount: number, status: ReviewFacts['status'], answer = `answer ${reworkCount}`): ReviewFacts => ({
  workOrderId, role: workOrderId === 'wo-p' ? 'primary' : 'assisting', reworkCount, status, reasons: status === 'failed' ? ['未说明政策依据'] : [], answer,
});

describe('review rules', () => {
  it('moves the request on only when the primary answer passes', () => {
    expect(progressAfterDecision('primary', true)).toBe('awaiting-revisit');
    expect(progressAfterDecision('primary', false)).toBeUndefined();
    expect(progressAfterDecision('assisting', true)).toBeUndefined();
  });

  it('allows a revisit only while awaiting it', () => {
    expect(canRecordRevisit('awaiting-revisit')).toBe(true);
    expect(canRecordRevisit('awaiting-review')).toBe(false);
    expect(canRecordRevisit('closed')).toBe(false);
  });

  it('finds the final primary answer and the decided reviews in a stable order', () => {
    const reviews = [review('wo-p', 1, 'passed', '已整改'), review('wo-a', 0, 'passed'), review('wo-p', 0, 'failed'), review('wo-b', 0, 'pending')];
    expect(finalPrimaryAnswer(reviews, 'wo-p')).toBe('已整改');
    expect(finalPrimaryAnswer(reviews, 'wo-x')).toBeUndefined();
    expect(archivedReviews(reviews)).toEqual([
      { workOrderId: 'wo-a', passed: true, reasons: [] },
      { workOrderId: 'wo-p', passed: false, reasons: ['未说明政策依据'] },
      { workOrderId: 'wo-p', passed: true, reasons: [] },
    ]);
  });
});
