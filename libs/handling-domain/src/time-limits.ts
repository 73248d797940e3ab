/**
 * The time-limit table (办理时限): request type × urgency → sign-for and handling clocks.
 * National defaults follow docs/lifecycle.md "Time limits" (编制说明 ≤1 wd to sign, Guangdong
 * 2022 handling days, Tianjin's minute clocks for urgent and critical requests); a tenant's own
 * rows override them pair by pair.
 */
import type { TimeLimitRule } from '@hotline/calendar';
import { ClockUnit, Counting, DEFAULT_COUNTING, REQUEST_TYPES, RequestType, URGENCIES, Urgency } from '@hotline/vocabulary';

export interface ClockRule {
  unit: ClockUnit;
  amount: number;
  /** Working days only; a rule that names none takes the vocabulary's DEFAULT_COUNTING (自次日起). */
  counting?: Counting;
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

// The defaults name no counting: they take DEFAULT_COUNTING like every rule that names none.
const workingDays = (amount: number): ClockRule => ({ unit: 'working-days', amount });
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

/** A rule as the calendar library computes it: working days with their counting made explicit. */
export function toCalendarRule(rule: ClockRule): TimeLimitRule {
  return rule.unit === 'working-days'
    ? { unit: rule.unit, amount: rule.amount, counting: rule.counting ?? DEFAULT_COUNTING }
    : { unit: rule.unit, amount: rule.amount };
}

/**
 * The limit a work order is held to, fixed when it is created: both rules with their counting
 * resolved, so a later change of the table or of the default never moves its dues.
 */
export interface OrderTimeLimit {
  signFor: TimeLimitRule;
  handling: TimeLimitRule;
}

export function orderTimeLimit(limit: Pick<TimeLimit, 'signFor' | 'handling'>): OrderTimeLimit {
  return { signFor: toCalendarRule(limit.signFor), handling: toCalendarRule(limit.handling) };
}
