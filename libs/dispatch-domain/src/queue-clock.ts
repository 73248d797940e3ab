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

/** Where the clock stands at `now`: breached at the due itself, warning from the threshold. */
export function queueClockLevel(clock: Pick<QueueClock, 'warnAt' | 'dueAt'>, now: Date): QueueClockLevel {
  if (now.getTime() >= clock.dueAt.getTime()) return 'breached';
  if (now.getTime() >= clock.warnAt.getTime()) return 'warning';
  return 'on-time';
}
