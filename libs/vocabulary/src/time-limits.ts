import { Label, oneOf } from './code-list';

/** How a time limit is measured: working days, working hours, or 24×7 calendar minutes. */
export const CLOCK_UNITS = ['working-days', 'working-hours', 'calendar-minutes'] as const;
export type ClockUnit = (typeof CLOCK_UNITS)[number];
export const isClockUnit = oneOf(CLOCK_UNITS);
export const CLOCK_UNIT_LABELS: Record<ClockUnit, Label> = {
  'working-days': { zh: '工作日', en: 'Working days' },
  'working-hours': { zh: '工作小时', en: 'Working hours' },
  'calendar-minutes': { zh: '自然分钟', en: 'Calendar minutes' },
};

/**
 * How working days are counted from the start instant:
 * - `from-next-day` (自次日起): day 1 is the first working day after the start day;
 * - `from-receipt` (含本数): a start on a working day makes that day day 1.
 * A start on a non-working day makes the next working day day 1 under both.
 */
export const COUNTINGS = ['from-receipt', 'from-next-day'] as const;
export type Counting = (typeof COUNTINGS)[number];
export const isCounting = oneOf(COUNTINGS);
export const COUNTING_LABELS: Record<Counting, Label> = {
  'from-receipt': { zh: '含本数（自收到之日起）', en: 'Counting the start day' },
  'from-next-day': { zh: '自次日起', en: 'From the next day' },
};

/**
 * The one default counting, wherever a rule names none (work orders, /v1/deadlines/compute,
 * the calendar library): 自次日起, as the Civil Code counts periods (《民法典》第二百零一条:
 * "按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算"). It also makes a limit of one
 * working day always give the unit a whole working day, whatever the hour it was dispatched.
 * A tenant that counts 含本数 (Guangzhou's 细则) says so on its rules.
 */
export const DEFAULT_COUNTING: Counting = 'from-next-day';
