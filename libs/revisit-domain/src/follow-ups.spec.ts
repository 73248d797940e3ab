import {
  canReportFollowUp,
  canSeeFollowUp,
  directFollowUpRefusal,
  followUpActionRefusal,
  followUpDateRefusal,
  followUpDueAt,
  followUpRevisitRefusal,
  followUpStateAfter,
  followUpUnitScope,
  localToday,
} from './follow-ups';

describe('持续跟踪 follow-ups', () => {
  it('takes a date after the tenant’s today and at most 366 days ahead, counted in its zone', () => {
    // 2025-01-24 23:30 in Shanghai is still the 24th in UTC (15:30): "today" is the tenant's.
    const today = localToday(new Date('2025-01-24T16:30:00.000Z'), 'Asia/Shanghai');
    expect(today).toBe('2025-01-25');
    expect(followUpDateRefusal('2025-01-26', today)).toBeUndefined();
    expect(followUpDateRefusal('2026-01-26', today)).toBeUndefined();
    expect(followUpDateRefusal('2026-01-27', today)).toContain('at most 366 days ahead (2026-01-26');
    expect(followUpDateRefusal('2025-01-25', today)).toContain('after today (2025-01-25)');
    expect(followUpDateRefusal('2025-01-01', today)).toContain('after today');
    expect(followUpDateRefusal('2025-02-30', today)).toBe('must be a date YYYY-MM-DD');
    expect(followUpDateRefusal(20250301, today)).toBe('must be a date YYYY-MM-DD');
  });

  it('falls due at the first instant of its date in the tenant’s zone', () => {
    expect(followUpDueAt('2025-06-30', 'Asia/Shanghai').toISOString()).toBe('2025-06-29T16:00:00.000Z');
    expect(followUpDueAt('2025-06-30', 'UTC').toISOString()).toBe('2025-06-30T00:00:00.000Z');
  });

  it('moves scheduled → due → reported → ended or scheduled again; the unit may report before its date', () => {
    expect(followUpActionRefusal('f1', 'scheduled', 'fall-due')).toBeUndefined();
    expect(followUpActionRefusal('f1', 'due', 'fall-due')).toContain('can fall due only when scheduled');
    expect(followUpActionRefusal('f1', 'scheduled', 'report')).toBeUndefined();
    expect(followUpActionRefusal('f1', 'due', 'report')).toBeUndefined();
    expect(followUpActionRefusal('f1', 'reported', 'report')).toBe('follow-up f1 is reported: it can take a progress report only when scheduled or due');
    expect(followUpActionRefusal('f1', 'ended', 'report')).toContain('is ended');
    expect(followUpActionRefusal('f1', 'reported', 'revisit')).toBeUndefined();
    expect(followUpActionRefusal('f1', 'due', 'revisit')).toContain('only when reported');
    expect(followUpActionRefusal('f1', 'ended', 'revisit')).toContain('only when reported');
    expect([followUpStateAfter('fall-due'), followUpStateAfter('report')]).toEqual(['due', 'reported']);
    expect(followUpStateAfter('revisit', '2025-09-30')).toBe('scheduled');
    expect(followUpStateAfter('revisit', null)).toBe('ended');
  });

  it('gives a resolved matter no next date', () => {
    expect(followUpRevisitRefusal({ resolution: 'resolved', nextFollowUpOn: '2025-09-30' })).toMatchObject({ field: 'nextFollowUpOn' });
    expect(followUpRevisitRefusal({ resolution: 'resolved' })).toBeUndefined();
    expect(followUpRevisitRefusal({ resolution: 'partly-resolved', nextFollowUpOn: '2025-09-30' })).toBeUndefined();
  });

  it('closes straight into a follow-up only a request awaiting its revisit; an evaluation awaiting judgement is judged instead', () => {
    expect(directFollowUpRefusal('r1', 'awaiting-revisit')).toBeUndefined();
    expect(directFollowUpRefusal('r1', 'awaiting-judgement')).toContain('judge it as follow-up');
    expect(directFollowUpRefusal('r1', 'closed')).toBe('request r1 is closed, not awaiting revisit');
    expect(directFollowUpRefusal('r1', 'awaiting-review')).toContain('awaiting-review');
  });

  it('shows hotline staff every unit’s follow-ups and unit staff their own; only the unit’s staff report', () => {
    const reviewer = { roles: ['reviewer' as const] };
    const operator = { roles: ['unit-operator' as const], unit: 'housing' };
    const unclaimed = { roles: ['unit-leader' as const] };
    expect([followUpUnitScope(reviewer), followUpUnitScope(operator), followUpUnitScope(unclaimed)]).toEqual([undefined, 'housing', '']);
    expect([canSeeFollowUp(reviewer, null), canSeeFollowUp(operator, 'housing'), canSeeFollowUp(operator, 'water'), canSeeFollowUp(unclaimed, '')]).toEqual([
      true, true, false, false,
    ]);
    expect([canReportFollowUp(operator, 'housing'), canReportFollowUp(operator, null), canReportFollowUp(reviewer, 'housing')]).toEqual([true, false, false]);
  });
});
