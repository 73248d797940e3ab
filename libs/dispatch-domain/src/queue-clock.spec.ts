import { DEFAULT_DISPATCH_LIMIT_MINUTES, DEFAULT_DISPATCH_WARN_PERCENT } from '@hotline/vocabulary';
import { queueClock, queueClockLevel } from './queue-clock';

const QUEUED = new Date('2026-03-02T01:00:00Z');
const DEFAULTS = { limitMinutes: DEFAULT_DISPATCH_LIMIT_MINUTES, warnAtPercent: DEFAULT_DISPATCH_WARN_PERCENT };
const plus = (minutes: number) => new Date(QUEUED.getTime() + minutes * 60_000);

describe('the manual queue on a clock', () => {
  it('gives each urgency its limit in calendar minutes, an unknown urgency the default one, and warns at the share', () => {
    expect(queueClock(QUEUED, 'critical', DEFAULTS)).toEqual({ limitMinutes: 10, warnAt: plus(8), dueAt: plus(10) });
    expect(queueClock(QUEUED, 'urgent', DEFAULTS)).toEqual({ limitMinutes: 20, warnAt: plus(16), dueAt: plus(20) });
    expect(queueClock(QUEUED, 'soon', DEFAULTS)).toEqual({ limitMinutes: 120, warnAt: plus(96), dueAt: plus(120) });
    expect(queueClock(QUEUED, 'normal', { ...DEFAULTS, warnAtPercent: 50 }).warnAt).toEqual(plus(60));
  });

  it('stands on time until the warning is raised, warning once raised, breached once raised or from the due itself', () => {
    const { dueAt } = queueClock(QUEUED, 'critical', DEFAULTS);
    const marks = { dueAt, warnedAt: null, breachedAt: null };
    expect([plus(0), plus(9.99), plus(10), plus(300)].map((t) => queueClockLevel(marks, t))).toEqual(['on-time', 'on-time', 'breached', 'breached']);
    expect(queueClockLevel({ ...marks, warnedAt: plus(8) }, plus(9))).toBe('warning');
    expect(queueClockLevel({ ...marks, warnedAt: plus(8), breachedAt: plus(10) }, plus(9))).toBe('breached');
    expect(queueClockLevel({ ...marks, dueAt: null }, plus(9))).toBeNull();
  });
});
