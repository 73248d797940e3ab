import { DEFAULT_WARNING_POLICY, isHigherWarning, warningAt, warningLevelAt } from './warnings';

describe('pre-breach warnings (红黄绿灯)', () => {
  const start = new Date('2026-12-01T00:00:00Z');
  const due = new Date('2026-12-01T10:00:00Z');

  it('turns yellow at 80 % and red at 95 % of the time by default', () => {
    expect(warningAt(start, due, 80)).toEqual(new Date('2026-12-01T08:00:00Z'));
    expect(warningLevelAt(start, due, new Date('2026-12-01T07:59:59Z'), DEFAULT_WARNING_POLICY)).toBe('green');
    expect(warningLevelAt(start, due, new Date('2026-12-01T08:00:00Z'), DEFAULT_WARNING_POLICY)).toBe('yellow');
    expect(warningLevelAt(start, due, new Date('2026-12-01T09:30:00Z'), DEFAULT_WARNING_POLICY)).toBe('red');
  });

  it('only rises', () => {
    expect(isHigherWarning('red', 'yellow')).toBe(true);
    expect(isHigherWarning('yellow', 'red')).toBe(false);
    expect(isHigherWarning('green', 'green')).toBe(false);
  });
});
