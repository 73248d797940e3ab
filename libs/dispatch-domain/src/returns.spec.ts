import { canDecide, excludedUnitIssues, isDesignatedAttempt, returnCalendar, returnRefusal, returnWindowDue, DispatchState } from './returns';

const state: DispatchState = {
  attempt: 1,
  designated: false,
  dispatchedAt: new Date('2026-01-09T02:00:00Z'),
  assignments: [
    { unitId: 'u1', unitCode: 'HOUSING', unitName: '住建局', role: 'primary' },
    { unitId: 'u2', unitCode: 'STREET', unitName: '街道', role: 'assisting' },
  ],
};

describe('returns (退单)', () => {
  const calendar = returnCalendar();

  it('closes the window N working days after the dispatch, counted from the next day, over weekends', () => {
    // Friday 10:00 in Shanghai: one working day is the whole of Monday.
    expect(returnWindowDue(calendar, state.dispatchedAt, 1).toISOString()).toBe('2026-01-12T16:00:00.000Z');
    expect(returnWindowDue(calendar, state.dispatchedAt, 2).toISOString()).toBe('2026-01-13T16:00:00.000Z');
  });

  it('lets only the primary unit return, once per attempt, before the window closes, never a designated one', () => {
    const due = returnWindowDue(calendar, state.dispatchedAt, 1);
    const before = new Date('2026-01-12T08:00:00Z');
    expect(returnRefusal(state, 'HOUSING', 0, before, due)).toBeNull();
    expect(returnRefusal(state, 'STREET', 0, before, due)).toBe('not-the-primary-unit');
    expect(returnRefusal(state, undefined, 0, before, due)).toBe('not-the-primary-unit');
    expect(returnRefusal(state, 'HOUSING', 1, before, due)).toBe('already-returned');
    expect(returnRefusal(state, 'HOUSING', 0, due, due)).toBe('window-closed');
    expect(returnRefusal({ ...state, designated: true }, 'HOUSING', 0, before, due)).toBe('designated');
  });

  it('keeps a first-responsible (首接负责) unit from returning what it must coordinate, not what is plainly not its own', () => {
    const due = returnWindowDue(calendar, state.dispatchedAt, 1);
    const before = new Date('2026-01-12T08:00:00Z');
    const first = { ...state, firstResponsible: true };
    expect(returnRefusal(first, 'HOUSING', 0, before, due, 'overlapping-duties')).toBe('first-responsible');
    expect(returnRefusal(first, 'HOUSING', 0, before, due, 'ownership-unclear')).toBe('first-responsible');
    expect(returnRefusal(first, 'HOUSING', 0, before, due, 'not-our-duty')).toBeNull();
    expect(returnRefusal(first, 'HOUSING', 0, before, due, 'wrong-territory')).toBeNull();
    expect(returnRefusal(state, 'HOUSING', 0, before, due, 'overlapping-duties')).toBeNull();
  });

  it('decides a return once, and designates at the maximum attempt', () => {
    expect([canDecide('in-review'), canDecide('accepted'), canDecide('rejected')]).toEqual([true, false, false]);
    expect([2, 3, 4].map((a) => isDesignatedAttempt(a, 3))).toEqual([false, true, true]);
  });

  it('names every excluded unit of a re-dispatch', () => {
    expect(excludedUnitIssues({ primaryUnitId: 'u1', assistingUnitIds: ['u3', 'u1'] }, ['u1'])).toEqual([
      { field: 'primaryUnitId', message: 'this unit returned the request and its return was accepted' },
      { field: 'assistingUnitIds.1', message: 'this unit returned the request and its return was accepted' },
    ]);
    expect(excludedUnitIssues({ primaryUnitId: 'u3', assistingUnitIds: [] }, ['u1'])).toEqual([]);
  });
});
