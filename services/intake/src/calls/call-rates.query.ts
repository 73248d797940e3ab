import { EntityManager } from 'typeorm';
import { callRates, sumCounts } from './call-rates';
import { loadCallPolicy } from './call-policy.repository';
import { countCalls } from './call-records.repository';
import type { CallRatesRequest } from './calls.schemas';

/** What each figure means, as the report states it beside the numbers (docs/calls.md). */
const DEFINITIONS = {
  offered: 'calls that entered an agent queue on the local day, less short abandons unless the policy counts them (来电呼入总量)',
  answerRate: '人工接通率 = answered / offered (每天实际接听电话量 / 来电呼入总量, domain.md §9.3 [S21]); target ≥ 95 % (GB/T 33358-2016 [S6])',
  timelyAnswerRate: '人工应答及时率 = answered within answerTimelySeconds of entering the queue / answered (15 s 内完成应答数 / 应答总数, [S21]); target ≥ 80 % ([S21])',
  abandonRate: 'abandoned (as counted in offered) / offered',
};

/**
 * The call rates per local day of the tenant and queue, with a total per queue and one over
 * everything, each made of its counts (rates of sums, never means of rates), the policy they
 * used and where its defaults come from.
 */
export async function callRatesReport(manager: EntityManager, tenantId: string, q: CallRatesRequest) {
  const policy = await loadCallPolicy(manager);
  const { timeZone, rows } = await countCalls(manager, tenantId, { ...q, answerTimelySeconds: policy.answerTimelySeconds, shortAbandonSeconds: policy.shortAbandonSeconds });
  const queues = [...new Set(rows.map((r) => r.queue))].sort();
  return {
    from: q.from,
    to: q.to,
    queue: q.queue ?? null,
    timeZone,
    policy: {
      answerTimelySeconds: policy.answerTimelySeconds,
      shortAbandonSeconds: policy.shortAbandonSeconds,
      shortAbandonsCounted: policy.shortAbandonsCounted,
      source: policy.source,
    },
    definitions: DEFINITIONS,
    days: rows.map((r) => ({ day: r.day, queue: r.queue, ...callRates(r, policy) })),
    queues: queues.map((queue) => ({ queue, ...callRates(sumCounts(rows.filter((r) => r.queue === queue)), policy) })),
    total: callRates(sumCounts(rows), policy),
  };
}
