/**
 * The time-limit table (办理时限): request type × urgency → sign-for and handling clocks.
 * National defaults follow docs/lifecycle.md "Time limits" (Guangdong 2022, Tianjin 2025);
 * a tenant's own rows override them pair by pair.
 */
import { computeDue, type CountingConvention, type TimeLimitRule, type WorkingCalendar } from '@hotline/calendar';

export const REQUEST_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise', 'other'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CLOCK_UNITS = ['working-days', 'working-hours', 'calendar-minutes'] as const;
export type ClockUnit = (typeof CLOCK_UNITS)[number];

export const COUNTINGS = ['from-receipt', 'from-next-day'] as const;

/** Counting of a working-days rule that does not name one: 含本数, as in the national defaults. */
export const DEFAULT_RULE_COUNTING: CountingConvention = 'from-receipt';

export interface ClockRule {
  unit: ClockUnit;
  amount: number;
  /** Only meaningful for working days. */
  counting?: CountingConvention;
}

export interface TimeLimit {
  requestType: RequestType;
  urgency: Urgency;
  signFor: ClockRule;
  handling: ClockRule;
}

export interface EffectiveTimeLimit extends TimeLimit {
  source: 'tenant' | 'default';
}

const NORMAL_HANDLING_DAYS: Record<RequestType, number> = {
  consultation: 2,
  help: 10,
  suggestion: 10,
  complaint: 15,
  report: 15,
  praise: 5,
  other: 10,
};

const workingDays = (amount: number): ClockRule => ({ unit: 'working-days', amount, counting: 'from-receipt' });
const minutes = (amount: number): ClockRule => ({ unit: 'calendar-minutes', amount });

/** The national default for one type × urgency. */
export function defaultTimeLimit(requestType: RequestType, urgency: Urgency): TimeLimit {
  switch (urgency) {
    case 'normal':
      return { requestType, urgency, signFor: workingDays(1), handling: workingDays(NORMAL_HANDLING_DAYS[requestType]) };
    case 'urgent':
      return { requestType, urgency, signFor: minutes(30), handling: minutes(1440) };
    case 'critical':
      return { requestType, urgency, signFor: minutes(15), handling: minutes(120) };
  }
}

/** Unknown or empty codes from upstream fall back to 'other' / 'normal'. */
export function toRequestType(code: string | undefined): RequestType {
  return (REQUEST_TYPES as readonly string[]).includes(code ?? '') ? (code as RequestType) : 'other';
}

export function toUrgency(code: string | undefined): Urgency {
  return (URGENCIES as readonly string[]).includes(code ?? '') ? (code as Urgency) : 'normal';
}

const keyOf = (requestType: string, urgency: string) => `${requestType}/${urgency}`;

/** All 21 pairs in table order (types, then urgencies), the tenant's rows over the defaults. */
export function effectiveTimeLimits(tenantRows: readonly TimeLimit[]): EffectiveTimeLimit[] {
  const own = new Map(tenantRows.map((row) => [keyOf(row.requestType, row.urgency), row]));
  return REQUEST_TYPES.flatMap((requestType) =>
    URGENCIES.map((urgency): EffectiveTimeLimit => {
      const row = own.get(keyOf(requestType, urgency));
      return row ? { ...row, source: 'tenant' } : { ...defaultTimeLimit(requestType, urgency), source: 'default' };
    }),
  );
}

/** The rule for one pair: the tenant's row when it has one, else the default. */
export function lookupTimeLimit(tenantRows: readonly TimeLimit[], requestType: RequestType, urgency: Urgency): TimeLimit {
  return tenantRows.find((r) => r.requestType === requestType && r.urgency === urgency) ?? defaultTimeLimit(requestType, urgency);
}

/** A stored rule as the calendar library's rule (counting applies to working days only). */
export function toCalendarRule(rule: ClockRule): TimeLimitRule {
  return rule.unit === 'working-days'
    ? { unit: rule.unit, amount: rule.amount, counting: rule.counting ?? DEFAULT_RULE_COUNTING }
    : { unit: rule.unit, amount: rule.amount };
}

export interface WorkOrderDues {
  signDueAt: Date;
  handleDueAt: Date;
}

/** Both clocks start when the work order is created. */
export function workOrderDues(calendar: WorkingCalendar, createdAt: Date, limit: TimeLimit): WorkOrderDues {
  return {
    signDueAt: computeDue(calendar, createdAt, toCalendarRule(limit.signFor)),
    handleDueAt: computeDue(calendar, createdAt, toCalendarRule(limit.handling)),
  };
}
