import { createWorkingCalendar, NATIONAL_HOLIDAYS_2026 } from '@hotline/calendar';
import { holidayYearIssues, HolidayYearInput, toYearHolidayData } from './holiday-year';

// TEST DATA for a fictional year, not a State Council notice: 2900-01-01 is a Friday.
const FICTIONAL: HolidayYearInput = {
  notice: 'TEST DATA — fictional year',
  holidays: [
    { name: '测试节', nameEn: 'Test Day', from: '2900-01-01', to: '2900-01-03', makeUpWorkdays: ['2900-01-10', '2900-01-10'] },
    { name: '第二测试节', from: '2900-05-03', to: '2900-05-05', makeUpWorkdays: [] },
  ],
};
const paths = (year: number, input: HolidayYearInput) => holidayYearIssues(year, input).map((i) => i.path.join('.'));
const period = (overrides: Partial<HolidayYearInput['holidays'][number]>) => ({
  notice: 'TEST DATA',
  holidays: [{ name: '测试', from: '2900-03-01', to: '2900-03-02', makeUpWorkdays: [], ...overrides }],
});

describe('a year of holiday data', () => {
  it('accepts a valid year, and the shipped 2026 notice as data', () => {
    expect(holidayYearIssues(2900, FICTIONAL)).toEqual([]);
    expect(holidayYearIssues(2026, NATIONAL_HOLIDAYS_2026)).toEqual([]);
    const data = toYearHolidayData(2900, FICTIONAL);
    expect(data.holidays[0]?.makeUpWorkdays).toEqual(['2900-01-10']);
    expect(data.holidays[1]?.nameEn).toBe('第二测试节');
    expect(createWorkingCalendar({ extraYears: [data] }).isWorkingDay('2900-01-10')).toBe(true);
  });

  it('refuses data that says it is of another year', () => {
    expect(paths(2027, NATIONAL_HOLIDAYS_2026)).toEqual(expect.arrayContaining(['year', 'holidays.0.from']));
    expect(paths(2900, { ...FICTIONAL, year: 2900 })).toEqual([]);
  });

  it('names the notice and every empty name', () => {
    expect(paths(2900, { ...period({ name: ' ' }), notice: '' })).toEqual(['notice', 'holidays.0.name']);
  });

  it('wants real dates', () => {
    expect(paths(2900, period({ from: '2900-02-30' }))).toEqual(['holidays.0.from']);
    expect(paths(2900, period({ to: 'soon' }))).toEqual(['holidays.0.to']);
    expect(paths(2900, period({ makeUpWorkdays: ['2900-13-01'] }))).toEqual(['holidays.0.makeUpWorkdays.0']);
  });

  it('keeps every date inside the year', () => {
    expect(paths(2900, period({ from: '2899-06-01', to: '2899-06-02' }))).toEqual(['holidays.0.from', 'holidays.0.to']);
    expect(paths(2900, period({ from: '2900-12-31', to: '2901-01-02' }))).toEqual(['holidays.0.to']);
    expect(paths(2900, period({ makeUpWorkdays: ['2901-01-02'] }))).toEqual(['holidays.0.makeUpWorkdays.0']);
  });

  it('lets the New Year holiday start in the last week of the year before, as 2023’s did (2022-12-31…2023-01-02)', () => {
    expect(paths(2023, { notice: 'n', holidays: [{ name: '元旦', from: '2022-12-31', to: '2023-01-02', makeUpWorkdays: [] }] })).toEqual([]);
    // And put a make-up Saturday there (2012's notice: work on Sat 2011-12-31).
    expect(paths(2012, { notice: 'n', holidays: [{ name: '元旦', from: '2012-01-01', to: '2012-01-03', makeUpWorkdays: ['2011-12-31'] }] }))
      .toEqual([]);
    // Not further back, and not for another holiday.
    expect(paths(2023, { notice: 'n', holidays: [{ name: '元旦', from: '2022-12-20', to: '2023-01-02', makeUpWorkdays: [] }] }))
      .toEqual(['holidays.0.from']);
    expect(paths(2900, period({ makeUpWorkdays: ['2899-12-31'] }))).toEqual(['holidays.0.makeUpWorkdays.0']);
  });

  it('keeps periods to 1…31 days', () => {
    expect(paths(2900, period({ from: '2900-03-05', to: '2900-03-04' }))).toEqual(['holidays.0.to']);
    expect(paths(2900, period({ from: '2900-03-01', to: '2900-04-01' }))).toEqual(['holidays.0.to']);
    expect(paths(2900, period({ from: '2900-03-01', to: '2900-03-31' }))).toEqual([]);
  });

  it('puts make-up days on weekends and never on a day off', () => {
    // 2900-03-01 is a Monday.
    expect(paths(2900, period({ makeUpWorkdays: ['2900-03-03'] }))).toEqual(['holidays.0.makeUpWorkdays.0']);
    const clash = { ...FICTIONAL, holidays: [...FICTIONAL.holidays, { name: '冲突', from: '2900-05-08', to: '2900-05-08', makeUpWorkdays: ['2900-01-02'] }] };
    expect(holidayYearIssues(2900, clash)).toEqual([
      { path: ['holidays', 2, 'makeUpWorkdays', 0], message: 'is also a day off (holidays.0)' },
    ]);
  });
});
