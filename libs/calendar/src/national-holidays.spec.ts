import { dateRange, isWeekend } from './local-date';
import { NATIONAL_HOLIDAYS_2025, NATIONAL_HOLIDAYS_2026, NATIONAL_HOLIDAY_DATA } from './national-holidays';

const offDays = (data: typeof NATIONAL_HOLIDAYS_2025) => data.holidays.flatMap((h) => dateRange(h.from, h.to));
const makeUps = (data: typeof NATIONAL_HOLIDAYS_2025) => data.holidays.flatMap((h) => [...h.makeUpWorkdays]);

describe('national holiday data', () => {
  it('ships 2025 and 2026 with their notice references', () => {
    expect(NATIONAL_HOLIDAY_DATA.map((d) => [d.year, d.notice])).toEqual([
      [2025, '国办发明电〔2024〕12号'],
      [2026, '国办发明电〔2025〕7号'],
    ]);
  });

  const years = NATIONAL_HOLIDAY_DATA.map((d) => [d.year, d] as const);

  it.each(years)('%i: every 调休 make-up working day is a Saturday or Sunday', (_y, data) => {
    for (const d of makeUps(data)) expect([d, isWeekend(d)]).toEqual([d, true]);
  });

  it.each(years)('%i: no date is both off and a make-up day, all dates in the year', (year, data) => {
    const off = new Set(offDays(data));
    for (const d of makeUps(data)) expect(off.has(d)).toBe(false);
    for (const d of [...off, ...makeUps(data)]) expect(d.startsWith(`${year}-`)).toBe(true);
  });

  it('2025: 元旦1 + 春节8 + 清明3 + 劳动5 + 端午3 + 国庆中秋8 = 28 days off, 5 make-up days', () => {
    expect(NATIONAL_HOLIDAYS_2025.holidays.map((h) => [h.name, dateRange(h.from, h.to).length])).toEqual([
      ['元旦', 1],
      ['春节', 8],
      ['清明节', 3],
      ['劳动节', 5],
      ['端午节', 3],
      ['国庆节、中秋节', 8],
    ]);
    expect(makeUps(NATIONAL_HOLIDAYS_2025).sort()).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('2026: 元旦3 + 春节9 + 清明3 + 劳动5 + 端午3 + 中秋3 + 国庆7 = 33 days off, 7 make-up days', () => {
    expect(NATIONAL_HOLIDAYS_2026.holidays.map((h) => [h.name, dateRange(h.from, h.to).length])).toEqual([
      ['元旦', 3],
      ['春节', 9],
      ['清明节', 3],
      ['劳动节', 5],
      ['端午节', 3],
      ['中秋节', 3],
      ['国庆节', 7],
    ]);
    expect(makeUps(NATIONAL_HOLIDAYS_2026).sort()).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });
});
