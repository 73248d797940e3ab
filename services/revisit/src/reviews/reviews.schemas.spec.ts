import { ProblemError } from '@hotline/platform';
import { DecisionBody, ListReviewsQuery, parseDecision } from './reviews.schemas';

describe('review input', () => {
  it('lists by any review status, withdrawn included, with the platform paging', () => {
    expect(ListReviewsQuery.parse({ status: 'withdrawn' })).toEqual({ status: 'withdrawn', limit: 50, offset: 0 });
    expect(ListReviewsQuery.parse({ limit: '5', offset: '10' })).toEqual({ limit: 5, offset: 10 });
    expect(ListReviewsQuery.safeParse({ status: 'done' }).success).toBe(false);
    expect(ListReviewsQuery.safeParse({ limit: 201 }).success).toBe(false);
  });

  it('requires reasons for a failed answer, trimmed, at most 10 of 200 characters', () => {
    expect(DecisionBody.parse({ passed: false, reasons: [' 未说明政策依据 '] })).toEqual({ passed: false, reasons: ['未说明政策依据'] });
    expect(DecisionBody.safeParse({ passed: false }).error?.issues[0]?.path).toEqual(['reasons']);
    expect(DecisionBody.safeParse({ passed: false, reasons: Array(11).fill('x') }).success).toBe(false);
    expect(DecisionBody.safeParse({ passed: false, reasons: ['长'.repeat(201)] }).success).toBe(false);
  });

  it('names the bad path id and body fields in one problem', () => {
    expect(parseDecision('0190a5a4-7c5e-7b3e-8f00-000000000001', { passed: true }).decision).toEqual({ passed: true });
    try {
      parseDecision('not-a-uuid', { passed: 'yes', extra: 1 });
      throw new Error('expected a problem');
    } catch (err) {
      expect(err).toBeInstanceOf(ProblemError);
      expect((err as ProblemError).errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['id', 'passed', '(body)']));
    }
  });
});
