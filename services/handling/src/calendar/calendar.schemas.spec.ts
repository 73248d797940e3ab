import { NATIONAL_HOLIDAYS_2026 } from '@hotline/calendar';
import { HolidayYearParam, parseHolidayYear, PutCalendarBody } from './calendar.schemas';

const issuesOf = (result: { error?: { issues: Array<{ path: Array<string | number> }> } }) =>
  (result.error?.issues ?? []).map((i) => i.path.join('.'));

describe('calendar schemas', () => {
  it('normalises a calendar: canonical zone, dates once and sorted, defaults for what is left out', () => {
    expect(PutCalendarBody.parse({ timeZone: 'asia/urumqi', extraHolidays: ['2025-03-05', '2025-03-01', '2025-03-05'] })).toEqual({
      timeZone: 'Asia/Urumqi',
      extraHolidays: ['2025-03-01', '2025-03-05'],
      extraWorkingDays: [],
    });
    expect(issuesOf(PutCalendarBody.safeParse({ extraHolidays: ['2025-03-05'], extraWorkingDays: ['2025-03-05'] }))).toEqual(['extraWorkingDays']);
  });

  it('takes a path year of the loadable range', () => {
    expect(HolidayYearParam.parse('2027')).toBe(2027);
    for (const bad of ['1969', '3000', 'next', '2027.5']) expect(HolidayYearParam.safeParse(bad).success).toBe(false);
  });

  it('turns a valid year into calendar data, and names each field of an invalid one', () => {
    const fields = (result: ReturnType<typeof parseHolidayYear>) => (result.success ? [] : result.errors.map((e) => e.field));
    expect(parseHolidayYear(2026, NATIONAL_HOLIDAYS_2026)).toEqual({ success: true, data: NATIONAL_HOLIDAYS_2026 });
    const body = { notice: 'TEST DATA', holidays: [{ name: '测试', from: '2900-03-01', to: '2900-03-02' }] };
    expect(parseHolidayYear(2900, body)).toEqual({
      success: true,
      data: { year: 2900, notice: 'TEST DATA', holidays: [{ name: '测试', nameEn: '测试', from: '2900-03-01', to: '2900-03-02', makeUpWorkdays: [] }] },
    });
    expect(fields(parseHolidayYear(2901, body))).toEqual(['holidays.0.from', 'holidays.0.to']);
    // A malformed body is reported by its shape alone, each field once.
    expect(fields(parseHolidayYear(2900, { ...body, holidays: [{ ...body.holidays[0], from: '1 March' }], source: 'x' }))).toEqual([
      'holidays.0.from',
      '(body)',
    ]);
    expect(fields(parseHolidayYear(2900, undefined))).toEqual(['notice', 'holidays']);
  });
});
