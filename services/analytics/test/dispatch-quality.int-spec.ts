import { commonV1, Events } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { analyticsService } from '../src/analytics.service';
import { analyticsDrained } from './support/drained';

/**
 * Dispatch quality as dispatch publishes it (RequestDispatched with its attempt, ReturnFiled,
 * ReturnDecided) through the real stream into analytics, and the figures a supervisor reads
 * back. The expected figures are computed here from the plan, independently of the SQL.
 */
interface PlannedAttempt {
  unit: 'zj' | 'sw' | 'jt' | 'qz';
  mode: 'catalog' | 'manual' | 'escalated';
  at: string;
  designated?: boolean;
  /** The primary unit returned it, and what the dispute review decided (none: still in review). */
  returned?: { reason: string; outcome?: 'accepted' | 'rejected' };
}
type Plan = Record<string, PlannedAttempt[]>;

const DAY1 = '2026-03-02';
const DAY2 = '2026-03-03';
const at = (minutes: number) => new Date(Date.parse(`${DAY1}T01:00:00Z`) + minutes * 60_000).toISOString();
// 00:30 Shanghai on DAY2 is 16:30 UTC on DAY1: counted on DAY2.
const DAY2_EARLY = `${DAY1}T16:30:00Z`;

const UNITS = {
  zj: { id: 'u-zj', name: '住建局' }, sw: { id: 'u-sw', name: '水务局' }, jt: { id: 'u-jt', name: '交通局' }, qz: { id: 'u-qz', name: '区政府' },
} as const;

const cityA: Plan = {
  r1: [{ unit: 'zj', mode: 'catalog', at: at(0) }],
  r2: [
    { unit: 'zj', mode: 'catalog', at: at(1), returned: { reason: 'not-our-duty', outcome: 'accepted' } },
    { unit: 'sw', mode: 'manual', at: at(30) },
  ],
  r3: [{ unit: 'sw', mode: 'manual', at: at(2), returned: { reason: 'wrong-territory', outcome: 'rejected' } }],
  r4: [
    { unit: 'zj', mode: 'catalog', at: at(3), returned: { reason: 'not-our-duty', outcome: 'accepted' } },
    { unit: 'sw', mode: 'manual', at: at(40), returned: { reason: 'overlapping-duties', outcome: 'accepted' } },
    { unit: 'jt', mode: 'manual', at: at(80), designated: true },
  ],
  r5: [{ unit: 'sw', mode: 'catalog', at: at(4), returned: { reason: 'ownership-unclear' } }],
  r6: [{ unit: 'zj', mode: 'manual', at: DAY2_EARLY }],
  // 提级: the district government takes it up (designated, but counted as an escalation).
  r7: [
    { unit: 'sw', mode: 'catalog', at: at(5) },
    { unit: 'qz', mode: 'escalated', at: at(50), designated: true },
  ],
};
const cityB: Plan = { b1: [{ unit: 'zj', mode: 'catalog', at: at(0), returned: { reason: 'not-our-duty', outcome: 'accepted' } }] };

const localDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

/** What the endpoint must answer for these attempts, computed from the plan alone. */
function expectedFigures(plan: Plan, day?: string) {
  const attempts = Object.entries(plan).flatMap(([requestId, list]) => list.map((a, i) => ({ requestId, attempt: i + 1, ...a })));
  const inRange = attempts.filter((a) => !day || localDay(a.at) === day);
  const counts = (as: typeof inRange) => {
    const c = {
      attempts: as.length,
      redispatches: as.filter((a) => a.attempt > 1 && a.mode !== 'escalated').length,
      designated: as.filter((a) => a.designated && a.mode !== 'escalated').length,
      escalations: as.filter((a) => a.mode === 'escalated').length,
      returnsFiled: as.filter((a) => a.returned).length,
      returnsAccepted: as.filter((a) => a.returned?.outcome === 'accepted').length,
      returnsRejected: as.filter((a) => a.returned?.outcome === 'rejected').length,
      returnsInReview: as.filter((a) => a.returned && !a.returned.outcome).length,
    };
    return { ...c, returnRate: rate(c.returnsFiled, c.attempts), acceptedReturnRate: rate(c.returnsAccepted, c.attempts) };
  };
  const first = inRange.filter((a) => a.attempt === 1);
  const stood = (as: typeof first) => as.filter((a) => a.returned?.outcome !== 'accepted').length;
  const modes = [...new Set(first.map((a) => a.mode))].sort();
  const units = [...new Set(inRange.map((a) => a.unit))].sort();
  return {
    from: day ?? null,
    to: day ?? null,
    total: {
      requests: new Set(inRange.map((a) => a.requestId)).size,
      requestsRedispatched: new Set(inRange.filter((a) => a.attempt > 1 && a.mode !== 'escalated').map((a) => a.requestId)).size,
      ...counts(inRange),
      firstDispatches: first.length,
      firstDispatchesStood: stood(first),
      dispatchAccuracy: rate(stood(first), first.length),
      byMode: modes.map((mode) => {
        const of = first.filter((a) => a.mode === mode);
        return { mode, firstDispatches: of.length, stood: stood(of), dispatchAccuracy: rate(stood(of), of.length) };
      }),
    },
    units: units.map((code) => {
      const of = inRange.filter((a) => a.unit === code);
      const reasons = new Map<string, number>();
      for (const a of of) if (a.returned) reasons.set(a.returned.reason, (reasons.get(a.returned.reason) ?? 0) + 1);
      return {
        unitId: UNITS[code].id,
        unitCode: code,
        unitName: UNITS[code].name,
        ...counts(of),
        returnReasons: [...reasons].map(([reasonCode, count]) => ({ reasonCode, count })).sort((x, y) => y.count - x.count || x.reasonCode.localeCompare(y.reasonCode)),
      };
    }),
  };
}

describe('analytics: dispatch quality — returns, re-dispatches, designations (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const get = (tenant: string, path: string, roles: Parameters<ServiceUnderTest['as']>[1] = ['supervisor']) => sut.as(tenant, roles)('GET', path);
  const assignment = (code: PlannedAttempt['unit']) => ({ unitId: UNITS[code].id, unitName: UNITS[code].name, role: 'primary', unitCode: code });

  const publishAttempt = (tenant: string, requestId: string, attempt: number, a: PlannedAttempt) =>
    publishEvent(sut, Events.dispatch.requestDispatched, tenant, {
      // A brief with every field at its default but the request id.
      request: { ...commonV1.RequestBrief.decode(new Uint8Array()), requestId },
      assignments: [assignment(a.unit), { unitId: 'u-jd', unitName: '街道办', role: 'assisting', unitCode: 'jd' }],
      mode: a.mode, catalogVersion: a.mode === 'catalog' ? 1 : 0, dispatchedAt: a.at, dispatchedBy: 'dispatcher-1', attempt, designated: a.designated ?? false,
    });
  const publishDecision = (tenant: string, requestId: string, attempt: number, a: PlannedAttempt, outcome: string) =>
    publishEvent(sut, Events.dispatch.returnDecided, tenant, {
      returnId: `${requestId}-${attempt}`, requestId, attempt, unit: assignment(a.unit), reasonCode: a.returned!.reason, outcome,
      decidedBy: 'dispatcher-1', decidedAt: a.at,
    });

  async function publishPlan(tenant: string, plan: Plan): Promise<void> {
    for (const [requestId, attempts] of Object.entries(plan))
      for (const [i, a] of attempts.entries()) {
        await publishAttempt(tenant, requestId, i + 1, a);
        if (!a.returned) continue;
        await publishEvent(sut, Events.dispatch.returnFiled, tenant, {
          returnId: `${requestId}-${i + 1}`, requestId, attempt: i + 1, unit: assignment(a.unit), reasonCode: a.returned.reason,
          returnedBy: 'op-1', returnedAt: a.at, windowDueAt: a.at,
        });
        if (a.returned.outcome) await publishDecision(tenant, requestId, i + 1, a, a.returned.outcome);
      }
  }

  const drained = () => analyticsDrained(sut);

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService);
    await publishPlan('city-a', cityA);
    await publishPlan('city-b', cityB);
    // Published again under new message ids (a replay): the attempt is counted once, and a
    // decision is final — the rejected return of r3 stays rejected.
    await publishAttempt('city-a', 'r1', 1, cityA['r1']![0]!);
    await publishDecision('city-a', 'r3', 1, cityA['r3']![0]!, 'accepted');
    await drained();
  });

  afterAll(() => sut?.close());

  it('counts attempts, re-dispatches, designations and returns per primary unit, with 退单率 and 派单准确率', async () => {
    const res = await get('city-a', '/v1/metrics/dispatch-quality');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...expectedFigures(cityA), from: null, to: null });
    // The figures this plan was written to show, spelled out once.
    expect(res.body.total).toMatchObject({
      requests: 7, requestsRedispatched: 2, attempts: 11, redispatches: 3, designated: 1, escalations: 1,
      returnsFiled: 5, returnsAccepted: 3, returnsRejected: 1, returnsInReview: 1, returnRate: 0.4545,
      firstDispatches: 7, firstDispatchesStood: 5, dispatchAccuracy: 0.7143,
    });
    expect(res.body.total.byMode).toEqual([
      { mode: 'catalog', firstDispatches: 5, stood: 3, dispatchAccuracy: 0.6 },
      { mode: 'manual', firstDispatches: 2, stood: 2, dispatchAccuracy: 1 },
    ]);
    const zj = res.body.units.find((u: { unitCode: string }) => u.unitCode === 'zj');
    expect(zj).toMatchObject({ attempts: 4, returnsFiled: 2, returnsAccepted: 2, returnRate: 0.5, returnReasons: [{ reasonCode: 'not-our-duty', count: 2 }] });
  });

  it('filters on the local day of the dispatch (Asia/Shanghai)', async () => {
    const day1 = (await get('city-a', `/v1/metrics/dispatch-quality?from=${DAY1}&to=${DAY1}`, ['tenant-admin'])).body;
    expect(day1).toEqual(expectedFigures(cityA, DAY1));
    expect(day1.total.attempts).toBe(10);
    expect((await get('city-a', `/v1/metrics/dispatch-quality?from=${DAY2}&to=${DAY2}`)).body).toEqual(expectedFigures(cityA, DAY2));
  });

  it('shows a tenant its own dispatches only', async () => {
    expect((await get('city-b', '/v1/metrics/dispatch-quality')).body).toEqual({ ...expectedFigures(cityB), from: null, to: null });
  });

  it('refuses an impossible day, an inverted range and an unknown parameter naming the field, and roles other than supervisor and tenant-admin', async () => {
    const bad = await get('city-a', '/v1/metrics/dispatch-quality?to=2026-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('to');
    expect((await get('city-a', `/v1/metrics/dispatch-quality?from=${DAY2}&to=${DAY1}`)).status).toBe(400);
    expect((await get('city-a', '/v1/metrics/dispatch-quality?groupBy=unit')).status).toBe(400);
    expect((await get('city-a', '/v1/metrics/dispatch-quality', ['unit-operator'])).status).toBe(403);
  });
});
