/**
 * Pre-breach warnings (红黄绿灯): an order turns yellow, then red, as its handling clock uses up
 * the tenant's thresholds of the time between its start and its due. The thresholds are tenant
 * configuration; the default (yellow at 80 %, red at 95 %) is a design choice [I]: the sources
 * give the pattern (a workstation report's red/yellow/green lights, domain.md §11.1), not numbers.
 */
import { WARNING_LEVELS, WarningLevel } from '@hotline/vocabulary';

export interface WarningPolicy {
  yellowPercent: number;
  redPercent: number;
}

export const DEFAULT_WARNING_POLICY: WarningPolicy = { yellowPercent: 80, redPercent: 95 };

/** The levels a timer raises, with the threshold of each. */
export function warningThresholds(policy: WarningPolicy): Array<{ level: Exclude<WarningLevel, 'green'>; percent: number }> {
  return [
    { level: 'yellow', percent: policy.yellowPercent },
    { level: 'red', percent: policy.redPercent },
  ];
}

/** The instant a clock from `start` to `due` has used `percent` of its time. */
export function warningAt(start: Date, due: Date, percent: number): Date {
  return new Date(start.getTime() + Math.round(((due.getTime() - start.getTime()) * percent) / 100));
}

/** The level the clock stands at `now` (green again when an extension moved the due). */
export function warningLevelAt(start: Date, due: Date, now: Date, policy: WarningPolicy): WarningLevel {
  let level: WarningLevel = 'green';
  for (const t of warningThresholds(policy)) if (now.getTime() >= warningAt(start, due, t.percent).getTime()) level = t.level;
  return level;
}

/** Whether `level` is above `current` (a warning only ever rises while the due stays). */
export function isHigherWarning(level: WarningLevel, current: WarningLevel): boolean {
  return WARNING_LEVELS.indexOf(level) > WARNING_LEVELS.indexOf(current);
}
