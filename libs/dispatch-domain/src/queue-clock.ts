import { QueueClockLevel, toUrgency, Urgency } from '@hotline/vocabulary';

/** A tenant's dispatch limit for the manual queue: calendar minutes per urgency, and when to warn. */
export interface QueueClockPolicy {
  limitMinutes: Readonly<Record<Urgency, number>>;
  /** Percent of the limit after which the request raises its warning (1–99). */
  warnAtPercent: number;
}

export interface QueueClock {
  limitMinutes: number;
  warnAt: Date;
  dueAt: Date;
}

const MINUTE = 60_000;

/** The clock of a request queued at `queuedAt`: its limit by urgency (an unknown code counts as its default), warning and due. */
export function queueClock(queuedAt: Date, urgency: string, policy: QueueClockPolicy): QueueClock {
  const limitMinutes = policy.limitMinutes[toUrgency(urgency)];
  const start = queuedAt.getTime();
  return {
    limitMinutes,
    // Rounded to the second: the warning of a 10-minute limit at 80% is 8 minutes in, exactly.
    warnAt: new Date(start + Math.round((limitMinutes * MINUTE * policy.warnAtPercent) / 100 / 1000) * 1000),
    dueAt: new Date(start + limitMinutes * MINUTE),
  };
}

/** What a waiting entry records of its clock: its due, and when it raised its warning and breach. */
export interface QueueClockMarks {
  dueAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
}

/**
 * Where a waiting entry stands at `now`: breached once raised or once its due has passed (its
 * timer may be a poll away), warning once raised, else on time; null for an entry queued before
 * the clock existed (no due).
 */
export function queueClockLevel(entry: QueueClockMarks, now: Date): QueueClockLevel | null {
  if (!entry.dueAt) return null;
  if (entry.breachedAt || now.getTime() >= entry.dueAt.getTime()) return 'breached';
  return entry.warnedAt ? 'warning' : 'on-time';
}
