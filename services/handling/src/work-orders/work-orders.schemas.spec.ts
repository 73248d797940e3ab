import { AnswerBody, ListWorkOrdersQuery } from './work-orders.schemas';

describe('work-order schemas', () => {
  it('pages lists with the platform defaults and names bad query fields', () => {
    expect(ListWorkOrdersQuery.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(ListWorkOrdersQuery.parse({ status: 'cancelled', limit: '10' })).toEqual({ status: 'cancelled', limit: 10, offset: 0 });
    const bad = ListWorkOrdersQuery.safeParse({ status: 'done', limit: '500', extra: '1' });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['status', 'limit', '']);
  });

  it('needs an answer, its basis and the contact record', () => {
    const bad = AnswerBody.safeParse({ answer: ' ', basis: 'x'.repeat(1001) });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['answer', 'basis', 'contactRecord']);
  });
});
