import { groupKey, mergeRateRows, RATE_GROUPINGS, UNKNOWN_KEY } from './grouping';
import { NO_REVISITS, NO_WORK_ORDERS } from './rates';

const orders = (key: string | null, workOrders: number, label?: string) => ({
  ...NO_WORK_ORDERS,
  key,
  label,
  workOrders,
  signed: workOrders,
  signedOnTime: workOrders,
  answered: workOrders,
  answeredOnTime: 0,
  handlingWorkingHoursSum: workOrders * 2,
});
const revisits = (key: string | null, n: number) => ({ ...NO_REVISITS, key, revisits: n, resolved: n, dissatisfied: n });

describe('grouping keys and merged rows', () => {
  it('uses a visible key for an unknown unit, category or day', () => {
    expect(groupKey('')).toBe(UNKNOWN_KEY);
    expect(groupKey(null)).toBe(UNKNOWN_KEY);
    expect(groupKey('2025-01-24')).toBe('2025-01-24');
  });

  it('joins work orders and revisits on their key, ordered by key', () => {
    const rows = mergeRateRows('category', { orders: [orders('b', 2), orders('a', 1)], revisits: [revisits('b', 1), revisits('c', 4)] });
    expect(rows.map((r) => [r.key, r.label, r.workOrders, r.revisits])).toEqual([
      ['a', 'a', 1, 0],
      ['b', 'b', 2, 1],
      ['c', 'c', 0, 4],
    ]);
    expect(rows[2]).toMatchObject({ responseRate: null, avgHandlingWorkingHours: null, resolutionRate: 1, satisfactionRate: 0 });
    expect(rows[0]).toMatchObject({ responseRate: 1, avgHandlingWorkingHours: 2, resolutionRate: null });
  });

  it('labels units by name, from their work orders or the directory of names', () => {
    const rows = mergeRateRows('unit', { orders: [orders('u1', 1, 'Water')], revisits: [revisits('u2', 1), revisits('u3', 1)] }, { unitNames: new Map([['u2', 'Roads']]) });
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      ['u1', 'Water'],
      ['u2', 'Roads'],
      ['u3', 'u3'],
    ]);
  });

  it('merges rows whose keys are unknown into one group, adding their counts', () => {
    const rows = mergeRateRows('day', { orders: [orders('', 1), orders(null, 2)], revisits: [revisits('', 2), revisits(null, 1)] });
    expect(rows).toEqual([expect.objectContaining({ key: UNKNOWN_KEY, workOrders: 3, signed: 3, revisits: 3, resolved: 3 })]);
  });

  it('groups by unit, category, area and period', () => {
    expect(RATE_GROUPINGS).toEqual(['unit', 'category', 'area', 'day', 'week', 'month']);
  });

  it('joins per-request completions on the key too, and applies the weights it is given', () => {
    const rows = mergeRateRows(
      'week',
      {
        orders: [orders('2025-W10', 2)],
        revisits: [{ ...NO_REVISITS, key: '2025-W10', revisits: 2, satisfied: 1, basicallySatisfied: 1 }],
        completions: [{ key: '2025-W10', completionDenominator: 2, requestsCompletedOnTime: 1 }, { key: '2025-W11', completionDenominator: 1, requestsCompletedOnTime: 1 }],
      },
      { weights: { basicallySatisfiedWeight: 0, partlyResolvedWeight: 0 } },
    );
    expect(rows.map((r) => [r.key, r.satisfactionRate, r.onTimeCompletionRate])).toEqual([
      ['2025-W10', 0.5, 0.5],
      ['2025-W11', null, 1],
    ]);
  });
});
