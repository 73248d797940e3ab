import type { CallPolicy } from './call-policy';

/** What the database counts per local day and queue, with the policy's thresholds applied. */
export interface CallCounts {
  /** Every call record that entered the queue: answered and abandoned. */
  calls: number;
  answered: number;
  /** Answered within `answerTimelySeconds` of entering the queue. */
  answeredInTime: number;
  abandoned: number;
  /** Abandoned within `shortAbandonSeconds`: also counted in `abandoned`. */
  shortAbandoned: number;
}

/** A rate with the counts it is made of; `value` is null when the denominator is 0 (no call, no rate). */
export interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface CallRates extends CallCounts {
  /** The denominator of 人工接通率: every call, less the short abandons unless the policy counts them. */
  offered: number;
  /** 人工接通率 = answered / offered. */
  answerRate: Rate;
  /** 人工应答及时率 = answered within the threshold / answered. */
  timelyAnswerRate: Rate;
  /** Abandoned (as counted in offered) / offered: the complement of 人工接通率. */
  abandonRate: Rate;
}

/** Four decimals: 0.9512 for 95.12 %. */
export function rate(numerator: number, denominator: number): Rate {
  return { value: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000, numerator, denominator };
}

/**
 * The rates of one day and queue (or any sum of them). 人工接通率 = 每天实际接听电话量 / 来电呼入总量
 * and 人工应答及时率 = 15 s 内完成应答数 / 应答总数 (domain.md §9.3 [S21]); the targets ≥ 95 % (GB/T
 * 33358 [S6]) and ≥ 80 % ([S21]) are for the reader, not applied here.
 */
export function callRates(counts: CallCounts, policy: Pick<CallPolicy, 'shortAbandonsCounted'>): CallRates {
  const excluded = policy.shortAbandonsCounted ? 0 : counts.shortAbandoned;
  const offered = counts.calls - excluded;
  return {
    ...counts,
    offered,
    answerRate: rate(counts.answered, offered),
    timelyAnswerRate: rate(counts.answeredInTime, counts.answered),
    abandonRate: rate(counts.abandoned - excluded, offered),
  };
}

export const NO_CALLS: CallCounts = { calls: 0, answered: 0, answeredInTime: 0, abandoned: 0, shortAbandoned: 0 };

/** Counts of several days or queues together: rates of a sum, never an average of rates. */
export function sumCounts(rows: readonly CallCounts[]): CallCounts {
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
