import { createWorkingCalendar } from '@hotline/calendar';
import { defaultTimeLimit, orderTimeLimit } from './time-limits';
import {
  answerTransition,
  answerTiming,
  clockStart,
  clocksToWatch,
  initialDues,
  isClockRunning,
  isOnTime,
  isOverdueNews,
  nextStatus,
  OPEN_WORK_ORDER_STATUSES,
  provisionalYearsOf,
  recomputedDues,
  reworkDue,
  WorkOrderClocks,
} from './work-order';

const cst = (local: string) => new Date(`${local}+08:00`);
const national = createWorkingCalendar({});
const complaint = orderTimeLimit(defaultTimeLimit('complaint', 'normal'));

function order(overrides: Partial<WorkOrderClocks> = {}): WorkOrderClocks {
  const createdAt = cst('2026-03-02T10:00');
  return {
    status: 'awaiting-sign',
    createdAt,
    ...initialDues(national, createdAt, complaint),
    reopenedAt: null,
    signOverdue: false,
    handleOverdue: false,
    reworkOverdue: false,
    ...overrides,
  };
}

describe('work-order transitions', () => {
  it('signs, answers and reviews only from the right status', () => {
    expect(nextStatus('awaiting-sign', 'sign')).toBe('in-progress');
    expect(nextStatus('in-progress', 'sign')).toBeUndefined();
    expect(nextStatus('in-progress', 'answer')).toBe('answered');
    expect(nextStatus('awaiting-sign', 'answer')).toBeUndefined();
    expect(nextStatus('answered', 'answer')).toBeUndefined();
    expect(nextStatus('answered', 'review-passed')).toBe('reviewed');
    expect(nextStatus('answered', 'review-failed')).toBe('in-progress');
    expect(nextStatus('reviewed', 'review-failed')).toBeUndefined();
    expect(nextStatus('in-progress', 'review-passed')).toBeUndefined();
  });

  it('ends an assisting share with its input, which nothing reviews, cancels or reopens', () => {
    expect(answerTransition('primary')).toBe('answer');
    expect(answerTransition('assisting')).toBe('give-input');
    expect(nextStatus('in-progress', 'give-input')).toBe('input-given');
    expect(nextStatus('awaiting-sign', 'give-input')).toBeUndefined();
    for (const t of ['sign', 'answer', 'give-input', 'review-passed', 'review-failed', 'cancel'] as const) expect(nextStatus('input-given', t)).toBeUndefined();
    expect(isClockRunning(order({ status: 'input-given' }), 'handling')).toBe(false);
  });

  it('cancels every open order, and nothing final; a cancelled order takes no further step', () => {
    expect(OPEN_WORK_ORDER_STATUSES).toEqual(['awaiting-sign', 'in-progress', 'answered']);
    for (const status of OPEN_WORK_ORDER_STATUSES) expect(nextStatus(status, 'cancel')).toBe('cancelled');
    expect(nextStatus('reviewed', 'cancel')).toBeUndefined();
    expect(nextStatus('cancelled', 'cancel')).toBeUndefined();
    for (const t of ['sign', 'answer', 'review-passed', 'review-failed'] as const) expect(nextStatus('cancelled', t)).toBeUndefined();
  });
});

describe('clocks', () => {
  it('runs sign-for until signed, handling until answered, rework while reworked', () => {
    expect(isClockRunning(order(), 'sign-for')).toBe(true);
    expect(isClockRunning(order({ status: 'in-progress' }), 'sign-for')).toBe(false);
    expect(isClockRunning(order(), 'handling')).toBe(true);
    expect(isClockRunning(order({ status: 'in-progress' }), 'handling')).toBe(true);
    expect(isClockRunning(order({ status: 'answered' }), 'handling')).toBe(false);
    expect(isClockRunning(order({ status: 'reviewed' }), 'handling')).toBe(false);
    expect(isClockRunning(order({ status: 'cancelled' }), 'handling')).toBe(false);
    expect(isClockRunning(order({ status: 'in-progress' }), 'rework')).toBe(false);
    expect(isClockRunning(order({ status: 'in-progress', reworkDueAt: new Date() }), 'rework')).toBe(true);
    expect(isClockRunning(order({ status: 'answered', reworkDueAt: new Date() }), 'rework')).toBe(false);
  });

  it('flags a breach once, and watches only the running clocks not flagged yet', () => {
    expect(clocksToWatch(order())).toEqual(['sign-for', 'handling']);
    expect(isOverdueNews(order({ signOverdue: true }), 'sign-for')).toBe(false);
    // After a failed review the original handling due still counts, unless it was breached already.
    const reworked = order({ status: 'in-progress', reworkDueAt: new Date(), reopenedAt: new Date() });
    expect(clocksToWatch(reworked)).toEqual(['handling', 'rework']);
    expect(clocksToWatch({ ...reworked, handleOverdue: true })).toEqual(['rework']);
    expect(clocksToWatch(order({ status: 'cancelled' }))).toEqual([]);
  });

  it('is on time strictly before the due instant', () => {
    const due = new Date('2025-03-03T00:00:00Z');
    expect(isOnTime(new Date(due.getTime() - 1), due)).toBe(true);
    expect(isOnTime(due, due)).toBe(false);
  });

  it('starts the clocks at the dispatch instant, or at receipt when the event has none usable', () => {
    const received = new Date('2026-12-01T00:00:00Z');
    expect(clockStart('2026-11-30T23:59:00+08:00', received)).toEqual(new Date('2026-11-30T15:59:00Z'));
    for (const bad of ['', 'yesterday', '0001-01-01T00:00:00Z', '3000-01-01T00:00:00Z', undefined])
      expect(clockStart(bad, received)).toBe(received);
  });
});

describe('rework (退回重办)', () => {
  it('keeps the original due: answered late, sent back, re-answered within the rework limit is still not on time', () => {
    const late = order({ status: 'answered', handleOverdue: true });
    const reopenedAt = new Date(late.handleDueAt.getTime() + 86_400_000);
    const rework = reworkDue(national, reopenedAt, complaint);
    expect(rework.dueAt.getTime()).toBeGreaterThan(reopenedAt.getTime());
    const reworked = { ...late, status: 'in-progress' as const, reworkDueAt: rework.dueAt, reopenedAt };
    const reanswered = new Date(reopenedAt.getTime() + 3_600_000);
    expect(answerTiming(reworked, reanswered)).toEqual({ onTime: false, reworkOnTime: true });
    expect(answerTiming(reworked, rework.dueAt)).toEqual({ onTime: false, reworkOnTime: false });
    expect(answerTiming(order(), order().createdAt)).toEqual({ onTime: true, reworkOnTime: false });
  });
});

describe('provisional dues of an order', () => {
  const december = cst('2026-12-14T10:00');
  const provisional = () => order({ createdAt: december, ...initialDues(national, december, complaint) });
  const with2027 = createWorkingCalendar({
    extraYears: [{ year: 2027, notice: 'test data', holidays: [{ name: 'x', nameEn: 'x', from: '2027-01-01', to: '2027-01-01', makeUpWorkdays: [] }] }],
  });

  it('reports the years the dues that still matter reach', () => {
    expect(provisionalYearsOf(provisional(), complaint, national)).toEqual([2027]);
    expect(provisionalYearsOf(provisional(), complaint, with2027)).toEqual([]);
    expect(provisionalYearsOf({ ...provisional(), status: 'reviewed' }, complaint, national)).toEqual([]);
  });

  it('recomputes the running dues on a calendar that knows the year, and keeps stopped ones', () => {
    const before = provisional();
    const after = recomputedDues(before, complaint, with2027);
    expect(after.handleDueAt).toEqual(new Date('2027-01-05T16:00:00Z')); // 01-01 is now a day off: one day later
    expect(after.signDueAt).toEqual(before.signDueAt);
    expect(after.provisionalYears).toEqual([]);
    const signed = { ...before, status: 'in-progress' as const, signDueAt: new Date(0) };
    expect(recomputedDues(signed, complaint, with2027).signDueAt).toEqual(new Date(0));
    const reopenedAt = cst('2026-12-30T10:00');
    const reworked = { ...before, status: 'in-progress' as const, reopenedAt, reworkDueAt: reworkDue(national, reopenedAt, complaint).dueAt };
    expect(recomputedDues(reworked, complaint, with2027).reworkDueAt).toEqual(reworkDue(with2027, reopenedAt, complaint).dueAt);
  });
});
