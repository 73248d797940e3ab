import { CalendarCoverageError, CalendarError, CalendarInputError } from './errors';
import type { YearHolidayData } from './national-holidays';
import { createWorkingCalendar, WorkingCalendar } from './working-calendar';

const national = createWorkingCalendar();

const tenant2027: YearHolidayData = {
  year: 2027,
  notice: 'tenant test data (not an official notice)',
  holidays: [{ name: '元旦', nameEn: "New Year's Day", from: '2027-01-01', to: '2027-01-03', makeUpWorkdays: ['2027-01-09'] }],
};

const with2027Holiday = (patch: object) => ({
  extraYears: [{ ...tenant2027, holidays: [{ ...tenant2027.holidays[0], ...patch }] }],
});

describe('WorkingCalendar – national data', () => {
  it('defaults: Asia/Shanghai, 09:00–12:00 + 13:30–17:30 = 420 working minutes, 2025+2026 known', () => {
    expect(national.timeZone).toBe('Asia/Shanghai');
    expect(national.workingMinutesPerDay).toBe(420);
    expect(national.knownYears()).toEqual([2025, 2026]);
    expect(national.dataFor(2025)?.notice).toBe('国办发明电〔2024〕12号');
  });

  it.each([
    ['2025-01-24', true, 'Friday before the Spring Festival: plain workday'],
    ['2025-01-25', false, 'Saturday: weekend'],
    ['2025-01-26', true, 'Sunday: 春节 make-up working day'],
    ['2025-01-28', false, '春节 day 1 (除夕, Tuesday)'],
    ['2025-02-04', false, '春节 last day (Tuesday)'],
    ['2025-02-05', true, 'first workday after 春节'],
    ['2025-02-08', true, 'Saturday: 春节 make-up working day'],
    ['2025-02-09', false, 'Sunday after the make-up Saturday: weekend'],
    ['2025-04-27', true, 'Sunday: 劳动节 make-up working day'],
    ['2025-05-05', false, '劳动节 (Monday)'],
    ['2025-06-02', false, '端午 (Monday)'],
    ['2025-09-28', true, 'Sunday: 国庆 make-up working day'],
    ['2025-10-08', false, '国庆+中秋 last day (Wednesday)'],
    ['2025-10-09', true, 'first workday after 国庆'],
    ['2025-10-11', true, 'Saturday: 国庆 make-up working day'],
    ['2025-10-12', false, 'Sunday: weekend'],
    ['2026-01-02', false, '2026 元旦 (Friday)'],
    ['2026-01-04', true, '2026 Sunday: 元旦 make-up working day'],
    ['2026-02-14', true, '2026 Saturday: 春节 make-up working day'],
    ['2026-02-23', false, '2026 春节 last day (Monday)'],
    ['2026-02-28', true, '2026 Saturday: 春节 make-up working day'],
    ['2026-05-09', true, '2026 Saturday: 劳动节 make-up working day'],
    ['2026-06-19', false, '2026 端午 (Friday)'],
    ['2026-09-20', true, '2026 Sunday: 国庆 make-up working day'],
    ['2026-09-25', false, '2026 中秋 (Friday)'],
    ['2026-10-07', false, '2026 国庆 last day (Wednesday)'],
    ['2026-10-10', true, '2026 Saturday: 国庆 make-up working day'],
  ])('%s working=%s (%s)', (date, working) => {
    expect(national.isWorkingDay(date)).toBe(working);
  });

  it('dayInfo names the holiday and the kind of day', () => {
    expect(national.dayInfo('2025-01-29')).toEqual({
      date: '2025-01-29', working: false, kind: 'holiday', source: 'year-data', name: '春节', hasYearData: true,
    });
    expect(national.dayInfo('2025-01-26')).toMatchObject({ working: true, kind: 'make-up-workday', name: '春节' });
    expect(national.dayInfo('2025-03-08')).toMatchObject({ working: false, kind: 'weekend', source: 'weekday-rule' });
    expect(national.dayInfo('2025-03-10')).toMatchObject({ working: true, kind: 'workday' });
  });

  it('nextWorkingDay is strictly after; 2025-01-27 → 2025-02-05 over the whole Spring Festival', () => {
    expect(national.nextWorkingDay('2025-01-27')).toBe('2025-02-05');
    expect(national.nextWorkingDay('2025-01-24')).toBe('2025-01-26'); // Sat off, Sun make-up
    expect(national.nextWorkingDay('2025-09-30')).toBe('2025-10-09');
    expect(national.nextWorkingDay('2025-12-31')).toBe('2026-01-04'); // 1-1..1-3 off, Sun 1-4 make-up
    expect(national.workingDayOnOrAfter('2025-10-09')).toBe('2025-10-09');
  });

  it('localDateOf reads the tenant zone: 2025-01-27T16:00Z is 2025-01-28 00:00 in Shanghai', () => {
    expect(national.localDateOf(new Date('2025-01-27T15:59:59Z'))).toBe('2025-01-27');
    expect(national.localDateOf(new Date('2025-01-27T16:00:00Z'))).toBe('2025-01-28');
  });

  it('workingIntervals gives the day periods as UTC instants and nothing on a holiday', () => {
    expect(national.workingIntervals('2025-01-26').map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2025-01-26T01:00:00.000Z', '2025-01-26T04:00:00.000Z'],
      ['2025-01-26T05:30:00.000Z', '2025-01-26T09:30:00.000Z'],
    ]);
    expect(national.workingIntervals('2025-01-28')).toEqual([]);
  });
});

describe('WorkingCalendar – years without data', () => {
  it('non-strict: falls back to Mon–Fri and reports hasDataFor=false (2027-01-01 is a Friday)', () => {
    expect(national.hasDataFor(2027)).toBe(false);
    expect(national.isWorkingDay('2027-01-01')).toBe(true);
    expect(national.dayInfo('2027-01-02')).toMatchObject({ working: false, kind: 'weekend', hasYearData: false });
  });

  it('strict: throws CalendarCoverageError carrying the year', () => {
    const strict = createWorkingCalendar({ strict: true });
    expect(strict.isWorkingDay('2026-12-31')).toBe(true);
    expect(() => strict.isWorkingDay('2027-01-04')).toThrow(CalendarCoverageError);
    const error = (() => {
      try {
        strict.isWorkingDay('2024-06-03');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CalendarError);
    expect(error).toMatchObject({ name: 'CalendarCoverageError', year: 2024, date: '2024-06-03' });
  });
});

describe('WorkingCalendar – tenant overrides', () => {
  it('extra year: tenant 2027 data makes 2027-01-01 (Fri) a holiday and Sat 2027-01-09 a working day', () => {
    const cal = createWorkingCalendar({ extraYears: [tenant2027], strict: true });
    expect(cal.hasDataFor(2027)).toBe(true);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.isWorkingDay('2027-01-09')).toBe(true);
    expect(cal.isWorkingDay('2027-01-04')).toBe(true);
  });

  it('extra holiday (regional) on Wed 2025-03-05, extra working Sat 2025-03-08, names kept', () => {
    const cal = createWorkingCalendar({
      extraHolidays: [{ date: '2025-03-05', name: '地方节日' }],
      extraWorkingDays: ['2025-03-08'],
    });
    expect(cal.dayInfo('2025-03-05')).toMatchObject({ working: false, kind: 'holiday', source: 'tenant-override', name: '地方节日' });
    expect(cal.dayInfo('2025-03-08')).toMatchObject({ working: true, source: 'tenant-override' });
    expect(cal.nextWorkingDay('2025-03-04')).toBe('2025-03-06');
  });

  it('removedDates drop national entries: Sun 2025-01-26 back to weekend, Wed 2025-10-08 back to workday', () => {
    const cal = createWorkingCalendar({ removedDates: ['2025-01-26', '2025-10-08'] });
    expect(cal.isWorkingDay('2025-01-26')).toBe(false);
    expect(cal.dayInfo('2025-10-08')).toMatchObject({ working: true, kind: 'workday', source: 'weekday-rule' });
    expect(cal.nextWorkingDay('2025-01-24')).toBe('2025-01-27');
  });

  it('an override can turn a national holiday into a working day (tenant duty day 2025-10-02)', () => {
    const cal = createWorkingCalendar({ extraWorkingDays: ['2025-10-02'] });
    expect(cal.isWorkingDay('2025-10-02')).toBe(true);
    expect(cal.nextWorkingDay('2025-09-30')).toBe('2025-10-02');
  });

  it('nationalYears: [] gives a plain weekend calendar with no data at all', () => {
    const cal = createWorkingCalendar({ nationalYears: [] });
    expect(cal.knownYears()).toEqual([]);
    expect(cal.isWorkingDay('2025-10-01')).toBe(true);
  });

  it('throws CalendarError when no working day can ever be found', () => {
    const everyDayOff = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
    const cal = createWorkingCalendar({ extraHolidays: everyDayOff });
    expect(() => cal.nextWorkingDay('2025-01-01')).toThrow(CalendarError);
  });
});

describe('WorkingCalendar – invalid configuration', () => {
  it.each([
    ['unknown time zone', { timeZone: 'Asia/Atlantis' }],
    ['malformed extra holiday', { extraHolidays: ['2025-3-5'] }],
    ['impossible extra working day', { extraWorkingDays: ['2025-02-30'] }],
    ['malformed removed date', { removedDates: ['yesterday'] }],
    ['same date both extra holiday and extra working day', { extraHolidays: ['2025-03-05'], extraWorkingDays: ['2025-03-05'] }],
    ['year given twice (tenant re-adds 2025)', { extraYears: [{ year: 2025, notice: 'x', holidays: [] }] }],
    ['year data with a period ending before it starts', with2027Holiday({ to: '2026-12-31' })],
    ['year data with a date far from its year', with2027Holiday({ makeUpWorkdays: ['2030-01-05'] })],
    ['year data with a nameless holiday', with2027Holiday({ name: '' })],
    ['period ending before it starts', { workingPeriods: [{ start: '12:00', end: '09:00' }] }],
    ['overlapping periods', { workingPeriods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '17:00' }] }],
    ['time out of range', { workingPeriods: [{ start: '09:00', end: '25:00' }] }],
    ['no periods', { workingPeriods: [] }],
  ])('rejects %s with CalendarInputError', (_label, options) => {
    expect(() => new WorkingCalendar(options)).toThrow(CalendarInputError);
  });

  it('rejects a malformed date query', () => {
    expect(() => national.isWorkingDay('2025-13-01')).toThrow(CalendarInputError);
  });
});
