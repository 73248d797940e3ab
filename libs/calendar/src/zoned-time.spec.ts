import { CalendarInputError } from './errors';
import { addDays, assertIsoDate, dayOfWeek, isIsoDate } from './local-date';
import { localDateOf, normalizeTimeZone, startOfLocalDay, zonedTimeToInstant } from './zoned-time';

const iso = (d: Date) => d.toISOString();

describe('ISO local dates', () => {
  it('accepts real dates and rejects malformed or impossible ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true); // leap year
    for (const bad of ['2025-02-29', '2025-02-30', '2025-13-01', '2025-1-3', '2025/01/03', '20250103', '', 'x', 20250103, null]) {
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(() => assertIsoDate('2025-02-30', 'receivedOn')).toThrow(CalendarInputError);
    expect(() => assertIsoDate('2025-02-30', 'receivedOn')).toThrow(/receivedOn must be a valid ISO date/);
  });

  it('adds days across month/year ends and knows weekdays (2025-01-26 is a Sunday)', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(dayOfWeek('2025-01-26')).toBe(0);
    expect(dayOfWeek('2025-02-08')).toBe(6);
  });
});

describe('time zones (Intl only)', () => {
  it('validates and canonicalises IANA names', () => {
    expect(normalizeTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(() => normalizeTimeZone('Mars/Olympus_Mons')).toThrow(CalendarInputError);
    expect(() => normalizeTimeZone('')).toThrow(CalendarInputError);
  });

  it('Asia/Shanghai is UTC+8: 2025-09-30T16:30Z is already 2025-10-01 00:30 local', () => {
    expect(localDateOf(new Date('2025-09-30T15:59:59Z'), 'Asia/Shanghai')).toBe('2025-09-30');
    expect(localDateOf(new Date('2025-09-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2025-10-01');
    expect(iso(startOfLocalDay('2025-10-01', 'Asia/Shanghai'))).toBe('2025-09-30T16:00:00.000Z');
    expect(iso(zonedTimeToInstant('2025-10-01', 17 * 60 + 30, 'Asia/Shanghai'))).toBe('2025-10-01T09:30:00.000Z');
  });

  it('Europe/Berlin local midnight: CET (+1) before 2025-03-30, CEST (+2) after', () => {
    expect(iso(startOfLocalDay('2025-03-30', 'Europe/Berlin'))).toBe('2025-03-29T23:00:00.000Z');
    expect(iso(startOfLocalDay('2025-03-31', 'Europe/Berlin'))).toBe('2025-03-30T22:00:00.000Z');
    expect(iso(startOfLocalDay('2025-10-26', 'Europe/Berlin'))).toBe('2025-10-25T22:00:00.000Z');
    expect(iso(startOfLocalDay('2025-10-27', 'Europe/Berlin'))).toBe('2025-10-26T23:00:00.000Z');
    expect(localDateOf(new Date('2025-03-30T22:30:00Z'), 'Europe/Berlin')).toBe('2025-03-31'); // 00:30 CEST
    expect(localDateOf(new Date('2025-03-29T22:30:00Z'), 'Europe/Berlin')).toBe('2025-03-29'); // 23:30 CET
  });

  it('Europe/Berlin gap 02:00→03:00 on 2025-03-30: 02:30 resolves forward to 03:30 CEST (01:30Z)', () => {
    expect(iso(zonedTimeToInstant('2025-03-30', 150, 'Europe/Berlin'))).toBe('2025-03-30T01:30:00.000Z');
  });

  it('Europe/Berlin overlap 03:00→02:00 on 2025-10-26: 02:30 resolves to the earlier (CEST) 00:30Z', () => {
    expect(iso(zonedTimeToInstant('2025-10-26', 150, 'Europe/Berlin'))).toBe('2025-10-26T00:30:00.000Z');
  });

  it('America/Santiago skips midnight on 2025-09-07 (24:00 -04 → 01:00 -03): the day starts at 04:00Z', () => {
    expect(iso(startOfLocalDay('2025-09-07', 'America/Santiago'))).toBe('2025-09-07T04:00:00.000Z');
    expect(localDateOf(new Date('2025-09-07T04:00:00Z'), 'America/Santiago')).toBe('2025-09-07');
    expect(localDateOf(new Date('2025-09-07T03:59:59Z'), 'America/Santiago')).toBe('2025-09-06');
  });

  it('minute 1440 is the next local midnight', () => {
    expect(iso(zonedTimeToInstant('2025-10-25', 1440, 'Europe/Berlin'))).toBe('2025-10-25T22:00:00.000Z');
    expect(() => zonedTimeToInstant('2025-10-25', 1441, 'Europe/Berlin')).toThrow(CalendarInputError);
  });

  it('rejects an invalid Date', () => {
    expect(() => localDateOf(new Date('nope'), 'Asia/Shanghai')).toThrow(CalendarInputError);
  });
});
