/**
 * The phone-service rates of a hotline (issue 14, docs/calls.md), defined once: intake counts
 * them from its call records on request, analytics from its rollup of intake's call events for
 * the reports (ADR 0038). Both services import these, so both apply the same arithmetic.
 *
 * 人工接通率 = 每天实际接听电话量 / 来电呼入总量 and 人工应答及时率 = 15 s 内完成应答数 / 应答总数
 * (domain.md §9.3 [S21]); the targets ≥ 95 % (GB/T 33358 [S6]) and ≥ 80 % ([S21]) are for the
 * reader, not applied here.
 */

/** What is counted per local day and queue, with the call policy's thresholds applied. */
export interface CallCounts {
  /** Every call record that entered the queue: answered and abandoned. */
  calls: number;
  answered: number;
  /** Answered within the policy's `answerTimelySeconds` of entering the queue. */
  answeredInTime: number;
  abandoned: number;
  /** Abandoned within the policy's `shortAbandonSeconds`: also counted in `abandoned`. */
  shortAbandoned: number;
}

/** A rate with the counts it is made of; `value` is null when the denominator is 0 (no call, no rate). */
export interface CallRate {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface CallRates extends CallCounts {
  /** The denominator of 人工接通率: every call, less the short abandons left out of it. */
  offered: number;
  /** 人工接通率 = answered / offered. */
  answerRate: CallRate;
  /** 人工应答及时率 = answered within the threshold / answered. */
  timelyAnswerRate: CallRate;
  /** Abandoned (as counted in offered) / offered: the complement of 人工接通率. */
  abandonRate: CallRate;
}

/** Four decimals: 0.9512 for 95.12 %. */
export function callRate(numerator: number, denominator: number): CallRate {
  return { value: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000, numerator, denominator };
}

/**
 * The rates of counts of which `excludedShortAbandons` short abandons are left out of the
 * offered calls. Apart from `callRates` for a reader that knows per call whether its short
 * abandon was left out (analytics counts each call with the policy it was recorded under).
 */
export function callRatesExcluding(counts: CallCounts, excludedShortAbandons: number): CallRates {
  const offered = counts.calls - excludedShortAbandons;
  return {
    ...counts,
    offered,
    answerRate: callRate(counts.answered, offered),
    timelyAnswerRate: callRate(counts.answeredInTime, counts.answered),
    abandonRate: callRate(counts.abandoned - excludedShortAbandons, offered),
  };
}

/** The rates of one day and queue (or any sum of them) under a policy that counts short abandons as offered or not. */
export function callRates(counts: CallCounts, policy: { shortAbandonsCounted: boolean }): CallRates {
  return callRatesExcluding(counts, policy.shortAbandonsCounted ? 0 : counts.shortAbandoned);
}

export const NO_CALLS: CallCounts = { calls: 0, answered: 0, answeredInTime: 0, abandoned: 0, shortAbandoned: 0 };

/** Counts of several days or queues together: rates of a sum, never an average of rates. */
export function sumCallCounts(rows: readonly CallCounts[]): CallCounts {
  return rows.reduce(
    (sum, r) => ({
      calls: sum.calls + r.calls,
      answered: sum.answered + r.answered,
      answeredInTime: sum.answeredInTime + r.answeredInTime,
      abandoned: sum.abandoned + r.abandoned,
      shortAbandoned: sum.shortAbandoned + r.shortAbandoned,
    }),
    NO_CALLS,
  );
}

/** Seconds from entering the queue to the answer, or to the hang-up of an abandoned call. */
export function callWaitSeconds(offeredAt: Date, until: Date): number {
  return (until.getTime() - offeredAt.getTime()) / 1000;
}

/** "Within" is inclusive: an answer after exactly 15 s is timely. */
export function isAnsweredInTime(waitSeconds: number, answerTimelySeconds: number): boolean {
  return waitSeconds <= answerTimelySeconds;
}

/** An abandon within the threshold, inclusive: a hang-up after exactly 5 s is a short abandon. */
export function isShortAbandonWait(waitSeconds: number, shortAbandonSeconds: number): boolean {
  return waitSeconds <= shortAbandonSeconds;
}
