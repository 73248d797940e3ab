import { EntityManager } from 'typeorm';
import { CallRates, callRatesExcluding, sumCallCounts } from '@hotline/vocabulary';

/** One queue's (or the total's) phone figures over some local days: the rates and what they are made of. */
export interface QueueCallFigures extends CallRates {
  /** Short abandons left out of `offered` (the policy each call was recorded under did not count them). */
  shortExcluded: number;
  /** Answered calls that were no matter: silent, harassment, a wrong number, a hang-up. */
  nonRequest: number;
  /** Callback items (漏接回拨) opened by abandons of these days, and those whose caller was reached again. */
  callbacksDue: number;
  callbacksDone: number;
}

export interface CallFigures {
  queues: Array<{ queue: string } & QueueCallFigures>;
  total: QueueCallFigures;
}

interface Row {
  queue: string;
  calls: number;
  answered: number;
  answered_in_time: number;
  abandoned: number;
  short_abandoned: number;
  short_excluded: number;
  non_request: number;
  callbacks_due: number;
  callbacks_done: number;
}

const figures = (rows: readonly Row[]): QueueCallFigures => {
  const sum = (pick: (r: Row) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const counts = sumCallCounts(
    rows.map((r) => ({ calls: r.calls, answered: r.answered, answeredInTime: r.answered_in_time, abandoned: r.abandoned, shortAbandoned: r.short_abandoned })),
  );
  const shortExcluded = sum((r) => r.short_excluded);
  return {
    // The vocabulary's formulas, as intake's GET /v1/call-records/rates applies them: rates of sums.
    ...callRatesExcluding(counts, shortExcluded),
    shortExcluded,
    nonRequest: sum((r) => r.non_request),
    callbacksDue: sum((r) => r.callbacks_due),
    callbacksDone: sum((r) => r.callbacks_done),
  };
};

/** The tenant's phone figures of local days `from`…`to` (inclusive), per queue and in total, from the call rollup. */
export async function callFigures(m: EntityManager, days: { from: string; to: string }): Promise<CallFigures> {
  const rows: Row[] = await m.query(
    `select queue, sum(calls)::int as calls, sum(answered)::int as answered, sum(answered_in_time)::int as answered_in_time,
       sum(abandoned)::int as abandoned, sum(short_abandoned)::int as short_abandoned, sum(short_excluded)::int as short_excluded,
       sum(non_request)::int as non_request, sum(callbacks_due)::int as callbacks_due, sum(callbacks_done)::int as callbacks_done
     from call_rollups where day >= $1::date and day <= $2::date
     group by queue order by queue`,
    [days.from, days.to],
  );
  return { queues: rows.map((r) => ({ queue: r.queue, ...figures([r]) })), total: figures(rows) };
}
