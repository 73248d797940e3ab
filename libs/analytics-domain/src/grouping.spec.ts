import { groupKey, mergeRateRows, UNKNOWN_KEY } from './grouping';

const orders = (key: string, workOrders: number, label?: string) => ({
  key,
  label,
  workOrders,
  signedOnTime: workOrders,
  answered: workOrders,
  answeredOnTime: 0,
  handlingWorkingHoursSum: workOrders * 2,
});
const revisits = (key: string, n: number) => ({ key, revisits: n, resolved: n, satisfiedOrBasicallySatisfied: 0 });

describe('grouping keys and merged rows', () => {
  it('uses a visible key for an unknown unit, category or day', () => {
    expect(groupKey('')).toBe(UNKNOWN_KEY);
    expect(groupKey(null)).toBe(UNKNOWN_KEY);
    expect(groupKey('2025-01-24')).toBe('2025-01-24');
  });

  it('joins work orders and revisits on their key, ordered by key', () => {
    const rows = mergeRateRows('category', [orders('b', 2), orders('a', 1)], [revisits('b', 1), revisits('c', 4)]);
    expect(rows.map((r) => [r.key, r.label, r.workOrders, r.revisits])).toEqual([
      ['a', 'a', 1, 0],
      ['b', 'b', 2, 1],
      ['c', 'c', 0, 4],
    ]);
    expect(rows[2]).toMatchObject({ responseRate: null, avgHandlingWorkingHours: null, resolutionRate: 1, satisfactionRate: 0 });
    expect(rows[0]).toMatchObject({ avgHandlingWorkingHours: 2, resolutionRate: null });
  });

  it('labels units by name, from their work orders or the directory of names', () => {
    const rows = mergeRateRows('unit', [orders('u1', 1, 'Water')], [revisits('u2', 1), revisits('u3', 1)], new Map([['u2', 'Roads']]));
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      ['u1', 'Water'],
      ['u2', 'Roads'],
      ['u3', 'u3'],
    ]);
  });

  it('merges rows whose keys are unknown into one group', () => {
    const rows = mergeRateRows('day', [orders('', 1)], [revisits('', 2)]);
    expect(rows).toEqual([expect.objectContaining({ key: UNKNOWN_KEY, workOrders: 1, revisits: 2 })]);
  });
});
