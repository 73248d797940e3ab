/**
 * Public holidays and 调休 make-up working days from the State Council General Office notices
 * (国务院办公厅关于…部分节假日安排的通知). Kept as TypeScript data so it ships with the code and is
 * type-checked; add a year by appending one entry (see README).
 */
import type { IsoDate } from './local-date';

export interface HolidayPeriod {
  /** Chinese name as written in the notice, e.g. `春节`. */
  name: string;
  /** English name for logs and UIs. */
  nameEn: string;
  /** First day off (inclusive). */
  from: IsoDate;
  /** Last day off (inclusive). Weekend days inside the range are part of the period. */
  to: IsoDate;
  /** 调休: weekend days that are working days to compensate this holiday (may be empty). */
  makeUpWorkdays: readonly IsoDate[];
}

export interface YearHolidayData {
  year: number;
  /** Notice reference, e.g. `国办发明电〔2024〕12号`. */
  notice: string;
  holidays: readonly HolidayPeriod[];
}

export const NATIONAL_HOLIDAYS_2025: YearHolidayData = {
  year: 2025,
  notice: '国办发明电〔2024〕12号',
  holidays: [
    { name: '元旦', nameEn: "New Year's Day", from: '2025-01-01', to: '2025-01-01', makeUpWorkdays: [] },
    {
      name: '春节',
      nameEn: 'Spring Festival',
      from: '2025-01-28',
      to: '2025-02-04',
      makeUpWorkdays: ['2025-01-26', '2025-02-08'],
    },
    { name: '清明节', nameEn: 'Qingming Festival', from: '2025-04-04', to: '2025-04-06', makeUpWorkdays: [] },
    { name: '劳动节', nameEn: 'Labour Day', from: '2025-05-01', to: '2025-05-05', makeUpWorkdays: ['2025-04-27'] },
    { name: '端午节', nameEn: 'Dragon Boat Festival', from: '2025-05-31', to: '2025-06-02', makeUpWorkdays: [] },
    {
      name: '国庆节、中秋节',
      nameEn: 'National Day and Mid-Autumn Festival',
      from: '2025-10-01',
      to: '2025-10-08',
      makeUpWorkdays: ['2025-09-28', '2025-10-11'],
    },
  ],
};

export const NATIONAL_HOLIDAYS_2026: YearHolidayData = {
  year: 2026,
  notice: '国办发明电〔2025〕7号',
  holidays: [
    { name: '元旦', nameEn: "New Year's Day", from: '2026-01-01', to: '2026-01-03', makeUpWorkdays: ['2026-01-04'] },
    {
      name: '春节',
      nameEn: 'Spring Festival',
      from: '2026-02-15',
      to: '2026-02-23',
      makeUpWorkdays: ['2026-02-14', '2026-02-28'],
    },
    { name: '清明节', nameEn: 'Qingming Festival', from: '2026-04-04', to: '2026-04-06', makeUpWorkdays: [] },
    { name: '劳动节', nameEn: 'Labour Day', from: '2026-05-01', to: '2026-05-05', makeUpWorkdays: ['2026-05-09'] },
    { name: '端午节', nameEn: 'Dragon Boat Festival', from: '2026-06-19', to: '2026-06-21', makeUpWorkdays: [] },
    { name: '中秋节', nameEn: 'Mid-Autumn Festival', from: '2026-09-25', to: '2026-09-27', makeUpWorkdays: [] },
    {
      name: '国庆节',
      nameEn: 'National Day',
      from: '2026-10-01',
      to: '2026-10-07',
      makeUpWorkdays: ['2026-09-20', '2026-10-10'],
    },
  ],
};

/** Every national year shipped with the library, oldest first. */
export const NATIONAL_HOLIDAY_DATA: readonly YearHolidayData[] = [NATIONAL_HOLIDAYS_2025, NATIONAL_HOLIDAYS_2026];
