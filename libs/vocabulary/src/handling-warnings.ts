import { Label, oneOf } from './code-list';

/** A work order's pre-breach warning (红黄绿灯预警) on its handling clock, in rising order. */
export const WARNING_LEVELS = ['green', 'yellow', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
export const isWarningLevel = oneOf(WARNING_LEVELS);
export const WARNING_LEVEL_LABELS: Record<WarningLevel, Label> = {
  green: { zh: '绿灯(正常)', en: 'Green (on track)' },
  yellow: { zh: '黄灯(临期)', en: 'Yellow (due soon)' },
  red: { zh: '红灯(即将超期)', en: 'Red (about to breach)' },
};
