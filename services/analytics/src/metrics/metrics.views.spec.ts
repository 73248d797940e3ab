import { DEFAULT_RATE_SETTINGS, NO_REVISITS, NO_WORK_ORDERS, rateRow, statusCounts, terminationReasonCounts } from '@hotline/analytics-domain';
import { REQUEST_STATUSES } from '@hotline/vocabulary';
import { ratesView, statusesView } from './metrics.views';

describe('metrics views', () => {
  it('reports every status, their total and the direct answers, with the range echoed', () => {
    const items = statusCounts([
      { status: 'closed', count: 3 },
      { status: 'registered', count: 1 },
    ]);
    const terminationReasons = terminationReasonCounts([{ reasonCode: 'found-untrue', count: 1 }]);
    const view = statusesView({ from: '2025-03-03' }, { items, directAnswers: 1, terminated: 1, terminationReasons });
    expect(view).toEqual({ from: '2025-03-03', to: null, total: 4, items, directAnswers: 1, terminated: 1, terminationReasons });
    expect(view.items).toHaveLength(REQUEST_STATUSES.length);
  });

  it('pages rate rows and reports how many there are', () => {
    const rows = ['a', 'b', 'c'].map((key) => rateRow(key, key, NO_WORK_ORDERS, NO_REVISITS));
    const basis = { ...DEFAULT_RATE_SETTINGS, isDefault: true, updatedAt: null };
    expect(ratesView({ groupBy: 'category', limit: 1, offset: 1 }, basis, rows)).toEqual({
      groupBy: 'category', from: null, to: null, basis, total: 3, limit: 1, offset: 1, items: [rows[1]],
    });
    expect(ratesView({ groupBy: 'unit', limit: 50, offset: 5 }, basis, rows).items).toEqual([]);
  });
});
