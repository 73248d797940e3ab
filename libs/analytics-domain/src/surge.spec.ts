import { addDays } from '@hotline/calendar';
import { baselineDayKind, baselineOf, DEFAULT_HOTSPOT_SETTINGS, deliverableAt, poissonTail, surgeSeverity, surgeThreshold } from './surge';
import { DEFAULT_RISK_PATTERNS, matchRisk } from './risk-patterns';

describe('surge warning rules', () => {
  const s = DEFAULT_HOTSPOT_SETTINGS;

  it('compares holidays with rest days and 调休 Saturdays with workdays', () => {
    expect(baselineDayKind('2025-10-01')).toBe('rest-day'); // 国庆, a Wednesday
    expect(baselineDayKind('2025-09-28')).toBe('workday'); // make-up Sunday
    expect(baselineDayKind('2025-06-14')).toBe('rest-day'); // Saturday
    expect(baselineDayKind('2025-06-11', ['2025-06-11'])).toBe('rest-day'); // a tenant holiday
  });

  it('takes the recent mean of the same kind of day, last year’s season when higher, never below the floor', () => {
    const daily = new Map<string, number>();
    for (let d = 1; d <= 28; d++) daily.set(`2025-02-${String(d).padStart(2, '0')}`, 2); // every day of February
    const recent = baselineOf('2025-03-03', daily, '2025-01-01', s);
    expect(recent.source).toBe('recent');
    expect(recent.perDay).toBeCloseTo(2);
    // Heating season: last winter had 10 a day around the same date.
    const winter = new Map(daily);
    for (let i = 0; i < 60; i++) winter.set(addDays('2024-02-01', i), 10);
    expect(baselineOf('2025-03-03', winter, '2024-01-01', s)).toMatchObject({ source: 'season', perDay: 10 });
    expect(baselineOf('2025-03-03', new Map(), '2025-03-03', s)).toMatchObject({ source: 'floor', perDay: s.minExpectedPerDay });
  });

  it('fires at a count that is unlikely under the baseline, at least minCount, with severity by how far it passed', () => {
    expect(poissonTail(1, 0)).toBe(1);
    expect(poissonTail(2, 1)).toBeCloseTo(1 - Math.exp(-2));
    expect(surgeThreshold(0.2, s)).toBe(5);
    expect(surgeThreshold(5, s)).toBeGreaterThan(10);
    expect([5, 8, 10, 15].map((n) => surgeSeverity(n, 5))).toEqual(['low', 'medium', 'high', 'critical']);
  });

  it('holds deliveries of non-critical alerts until the quiet hours end (local time)', () => {
    const night = new Date('2025-06-11T23:30:00+08:00');
    expect(deliverableAt(night, 'high', s, 'Asia/Shanghai').toISOString()).toBe(new Date('2025-06-12T07:00:00+08:00').toISOString());
    expect(deliverableAt(night, 'critical', s, 'Asia/Shanghai')).toBe(night);
    const noon = new Date('2025-06-11T12:00:00+08:00');
    expect(deliverableAt(noon, 'low', s, 'Asia/Shanghai')).toBe(noon);
    expect(deliverableAt(new Date('2025-06-11T06:00:00+08:00'), 'low', s, 'Asia/Shanghai').toISOString()).toBe(new Date('2025-06-11T07:00:00+08:00').toISOString());
  });
});

describe('risk patterns', () => {
  it('matches any term, every part of an a+b term, and keeps the highest severity', () => {
    expect(matchRisk('今天天气很好', DEFAULT_RISK_PATTERNS)).toBeUndefined();
    expect(matchRisk('小区燃气管道疑似泄漏', DEFAULT_RISK_PATTERNS)).toMatchObject({ categories: ['work-safety'], severity: 'high', stabilityRisk: false });
    expect(matchRisk('燃气费太贵', DEFAULT_RISK_PATTERNS)).toBeUndefined();
    expect(matchRisk('再不解决就找记者曝光，我不想活了', DEFAULT_RISK_PATTERNS)).toMatchObject({ categories: ['extreme', 'media'], severity: 'critical', stabilityRisk: true });
  });
});
