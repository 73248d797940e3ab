import { ReviewEntity } from './review.entity';
import { toReviewView } from './reviews.views';

describe('review view', () => {
  it('shows the answer with who gave it, and the decision with who took it', () => {
    const review = Object.assign(new ReviewEntity(), {
      id: 'r1', tenantId: 'city-a', requestId: 'q1', workOrderId: 'w1', unitId: 'u1', role: 'primary', answer: '已处理', basis: '条例',
      contactRecord: '电话', answeredAt: new Date('2025-01-24T02:00:00Z'), answeredBy: 'operator', onTime: true, reworkCount: 1,
      status: 'withdrawn', reasons: [], createdAt: new Date('2025-01-24T02:00:01Z'), reviewedAt: new Date('2025-01-25T02:00:00Z'),
      reviewedBy: 'system:revisit',
    });
    expect(toReviewView(review)).toEqual({
      id: 'r1', requestId: 'q1', workOrderId: 'w1', unitId: 'u1', role: 'primary', answer: '已处理', basis: '条例', contactRecord: '电话',
      answeredAt: '2025-01-24T02:00:00.000Z', answeredBy: 'operator', onTime: true, reworkCount: 1, status: 'withdrawn', reasons: [],
      createdAt: '2025-01-24T02:00:01.000Z', reviewedAt: '2025-01-25T02:00:00.000Z', reviewedBy: 'system:revisit', assistInputs: [],
    });
    // A lead answer shows the assisting units' inputs beside it (ADR 0026), masked; an input shows none.
    const input = Object.assign(new ReviewEntity(), { ...review, id: 'r2', workOrderId: 'w2', unitId: 'u2', role: 'assisting', answer: '联系13900001111核实', status: 'assist-input' });
    expect(toReviewView(review, [input]).assistInputs).toEqual([
      { workOrderId: 'w2', unitId: 'u2', answer: '联系139****1111核实', basis: '条例', answeredAt: '2025-01-24T02:00:00.000Z', answeredBy: 'operator', onTime: true },
    ]);
    expect(toReviewView(input, [input]).assistInputs).toEqual([]);
    expect(toReviewView(Object.assign(review, { answeredAt: null, reviewedAt: null }))).toMatchObject({ answeredAt: null, reviewedAt: null });
  });

  it('shows a row written clear (by the previous release, mid-upgrade) masked', () => {
    const clear = Object.assign(new ReviewEntity(), {
      id: 'r2', requestId: 'q1', workOrderId: 'w1', unitId: 'u1', role: 'primary', answer: '已退款至6222021234567890128', basis: '条例',
      contactRecord: '致电13812345678', answeredAt: null, answeredBy: null, onTime: null, reworkCount: 0, status: 'failed',
      reasons: ['未核实身份证110101199003074514'], createdAt: new Date('2025-01-24T02:00:01Z'), reviewedAt: null, reviewedBy: null,
    });
    expect(toReviewView(clear)).toMatchObject({
      answer: '已退款至6222********0128', basis: '条例', contactRecord: '致电138****5678', reasons: ['未核实身份证110101********4514'],
    });
  });
});
