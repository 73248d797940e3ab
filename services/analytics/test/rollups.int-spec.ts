// Issue 17, "Fast at scale": the rollups kept by the lifecycle consumers answer the rates, the
// rankings, the province volumes and the hotspot view exactly as the facts do (the reference
// queries), for every grouping, range and rate setting, before and after the deltas are folded,
// and `rollups rebuild` reproduces what the consumers kept — against real PostgreSQL and NATS.
import { EventDefinition, Events } from '@hotline/contracts';
import { RATE_GROUPINGS, RateSettings } from '@hotline/analytics-domain';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { analyticsService } from '../src/analytics.service';
import { factRateCounts, rateRows } from '../src/metrics/rates.query';
import { saveRateSettings } from '../src/rate-settings/rate-settings.repository';
import { factHotspots, rollupHotspots } from '../src/rollups/hotspot-volumes.query';
import { rollupRateCounts } from '../src/rollups/rollup-rates.query';
import { rollupsCommand } from '../src/rollups/rollups.command';
import { foldDeltas } from '../src/rollups/rollups.repository';
import { factVolumes, rollupVolumes } from '../src/rollups/volumes.query';
import { eventsOf, PlannedEvent, Producer, PRODUCER_ORDER, RequestPlan, statusPath } from './lifecycle-scenario';
import { analyticsDrained } from './support/drained';

const HOUR = 3_600_000;
const TENANT = 'city-rollups';
const NOW = new Date('2026-01-15T00:00:00Z');
const A = { unitId: 'u-a', unitName: '市住建局' };
const B = { unitId: 'u-b', unitName: '市城管局' };
const C = { unitId: 'u-c', unitName: '玄武区政府' };
const ok = { onTime: true, hours: 4.1, passes: true };
const late = { onTime: false, hours: 30.25, passes: true };
const sentBack = { onTime: true, hours: 3, passes: false };

type Story = Record<Producer, PlannedEvent[]>;
const event = <T>(def: EventDefinition<T>, payload: T): PlannedEvent => ({ def: def as EventDefinition<unknown>, payload });
const at = (r: RequestPlan, hours: number) => new Date(new Date(r.receivedAt).getTime() + hours * HOUR).toISOString();
const none = (): Story => ({ intake: [], dispatch: [], handling: [], revisit: [] });
const join = (...stories: Story[]): Story =>
  Object.fromEntries(PRODUCER_ORDER.map((p) => [p, stories.flatMap((s) => s[p])])) as Story;

function statuses(r: RequestPlan, changes: Array<[string, string]>, hours: number): PlannedEvent[] {
  const path = statusPath(r);
  let from = path[path.length - 1]![0] as string;
  return changes.map(([toStatus, reason], i) => {
    const e = event(Events.intake.requestStatusChanged, {
      requestId: r.requestId, fromStatus: from, toStatus, reason, at: at(r, hours + i), actor: 'system:intake', sequence: String(path.length + i + 1),
    });
    from = toStatus;
    return e;
  });
}
const evaluation = (r: RequestPlan, revisitId: string, hours: number, e: { resolved: boolean; satisfaction: string; resolution?: string }) =>
  event(Events.revisit.revisitRecorded, {
    revisitId, requestId: r.requestId, method: 'phone', ...e, recordedAt: at(r, hours), unitId: r.orders[0]!.unitId, recordedBy: 'agent-1',
  });
const judged = (r: RequestPlan, revisitId: string, hours: number, reasonable: boolean) =>
  event(Events.revisit.evaluationJudged, {
    requestId: r.requestId, revisitId, reasonable, note: '', judgedAt: at(r, hours), judgedBy: 'reviewer-1', unitId: r.orders[0]!.unitId, workOrderId: r.orders[0]!.workOrderId,
  });
const closed = (r: RequestPlan, hours: number, e: { resolved: boolean; satisfaction: string; revisitOutcome: string }) =>
  event(Events.revisit.requestClosed, { requestId: r.requestId, closedAt: at(r, hours), closedBy: 'agent-1', ...e });
const cancelled = (r: RequestPlan, hours: number, i = 0) => {
  const o = r.orders[i]!;
  return event(Events.handling.workOrderCancelled, {
    workOrderId: o.workOrderId, requestId: r.requestId, unitId: o.unitId, role: o.role, reason: 'request-closed', previousStatus: 'in-progress', cancelledAt: at(r, hours),
  });
};
const plan = (id: string, day: string, category: string, areaCode: string, rest: Partial<RequestPlan>): RequestPlan => ({
  requestId: id, category, areaCode, receivedAt: `${day}T02:00:00Z`, day, orders: [], ...rest,
});

// Plain ones of three units, two months, categories and areas; late answers; a multi-unit request.
const r1 = plan('r1', '2025-03-03', 'C01', '320102', { orders: [{ workOrderId: 'o1', ...A, role: 'primary', signedOnTime: true, answers: [ok], urges: ['reminder', 'notice'] }], revisit: { resolved: true, satisfaction: 'satisfied', resolution: 'resolved' }, closed: true });
const r2 = plan('r2', '2025-03-03', 'C01', '320105', { orders: [{ workOrderId: 'o2', ...A, role: 'primary', signedOnTime: false, answers: [late], supervisions: 1 }], revisit: { resolved: false, satisfaction: 'basically-satisfied', resolution: 'partly-resolved' }, closed: true });
const r3 = plan('r3', '2025-03-12', 'C02', '320105', {
  orders: [
    { workOrderId: 'o3a', ...B, role: 'primary', signedOnTime: true, answers: [sentBack, ok] },
    { workOrderId: 'o3b', ...C, role: 'assisting', signedOnTime: true, answers: [late] },
  ],
  revisit: { resolved: false, satisfaction: 'dissatisfied', resolution: 'unresolved' }, closed: true,
});
// Anonymous, checked by the hotline itself (未评价); attempts exhausted; not sampled.
const r4 = plan('r4', '2025-03-12', 'C02', '320102', { anonymous: true, orders: [{ workOrderId: 'o4', ...B, role: 'primary', signedOnTime: true, answers: [ok] }], revisit: { resolved: true, satisfaction: '', resolution: 'resolved', respondent: 'hotline' }, closed: true });
const r5 = plan('r5', '2025-04-02', 'C03', '320111', { orders: [{ workOrderId: 'o5', ...C, role: 'primary', signedOnTime: true, answers: [ok] }] });
const r6 = plan('r6', '2025-04-02', 'C03', '320111', { orders: [{ workOrderId: 'o6', ...C, role: 'primary', signedOnTime: true, answers: [ok] }] });
// 重办: dissatisfied, judged reasonable, reopened, answered again late, evaluated satisfied.
const r7 = plan('r7', '2025-04-07', 'C01', '320102', { orders: [{ workOrderId: 'o7', ...A, role: 'primary', signedOnTime: true, answers: [ok] }] });
// Terminated (its order cancelled after its dues), merged (its order cancelled), still open (past due, unsigned).
const r8 = plan('r8', '2025-04-07', 'C02', '320102', { orders: [{ workOrderId: 'o8', ...B, role: 'primary', signedOnTime: false, answers: [] }] });
const r9 = plan('r9', '2025-04-08', 'C02', '320105', { orders: [{ workOrderId: 'o9', ...B, role: 'primary', answers: [] }] });
const r10 = plan('r10', '2025-04-08', 'C03', '320105', { orders: [{ workOrderId: 'o10', ...A, role: 'primary', answers: [] }] });
// Its category changes once it is classified again (a later brief): its revisit moves, its order stays.
const r11 = plan('r11', '2025-03-20', 'C04', '320102', { orders: [{ workOrderId: 'o11', ...A, role: 'primary', signedOnTime: true, answers: [ok] }], revisit: { resolved: true, satisfaction: 'satisfied' }, closed: true });
// Closed at intake (直接办理): a volume, no order.
const r12 = plan('r12', '2025-03-21', 'C04', '320111', { closedAtIntake: 'direct-answer' });
// Dues far ahead of NOW: in no denominator yet.
const r13 = plan('r13', '2025-12-30', 'C01', '320111', { orders: [] });

const r7Redo = (): Story => {
  const o = r7.orders[0]!;
  const ids = { workOrderId: o.workOrderId, requestId: r7.requestId, unitId: o.unitId };
  return {
    intake: statuses(r7, [['revisited', 'revisit-recorded'], ['in-progress', 'redo'], ['closed', 'revisit-closed']], 10),
    dispatch: [],
    handling: [
      event(Events.handling.workOrderReopened, { ...ids, reasons: ['reasonable dissatisfaction'], reworkCount: 1, handleDueAt: at(r7, -1), reopenedAt: at(r7, 3.5), reworkDueAt: at(r7, 50) }),
      event(Events.handling.workOrderAnswered, {
        ...ids, role: 'primary', answer: 'redone', basis: '', contactRecord: 'called', answeredAt: at(r7, 10), onTime: false, reworkCount: 1,
        handlingWorkingHours: 30.5, answeredBy: 'operator-1', signedOffBy: '', handleDueAt: at(r7, -1), reworkDueAt: at(r7, 50), reworkOnTime: true,
      }),
    ],
    revisit: [
      evaluation(r7, 'r7-rv1', 2, { resolved: false, satisfaction: 'dissatisfied', resolution: 'unresolved' }),
      judged(r7, 'r7-rv1', 3, true),
      event(Events.revisit.answerReviewed, {
        reviewId: 'o7-review-redo', requestId: r7.requestId, workOrderId: o.workOrderId, unitId: o.unitId, passed: true, reasons: [], reviewedAt: at(r7, 11), reviewedBy: 'reviewer-1', role: 'primary',
      }),
      evaluation(r7, 'r7-rv2', 12, { resolved: true, satisfaction: 'satisfied', resolution: 'resolved' }),
      closed(r7, 13, { resolved: true, satisfaction: 'satisfied', revisitOutcome: 'evaluated' }),
    ],
  };
};

const r13Open = (): Story => {
  const base = eventsOf({ ...r13, orders: [{ workOrderId: 'o13', ...A, role: 'primary', answers: [] }] });
  const created = base.handling[0]!;
  const dues = { signDueAt: '2099-01-01T00:00:00Z', handleDueAt: '2099-02-01T00:00:00Z' };
  return { ...none(), intake: base.intake.slice(0, 1), handling: [{ ...created, payload: { ...(created.payload as object), ...dues } }] };
};

/** Late for good (its primary answered after the due) while its assisting order is still inside its window. */
const r15 = plan('r15', '2025-12-29', 'C02', '320102', {
  orders: [{ workOrderId: 'o15a', ...B, role: 'primary', signedOnTime: true, answers: [late] }, { workOrderId: 'o15b', ...C, role: 'assisting', answers: [] }],
});
const r15Open = (): Story => {
  const base = eventsOf(r15);
  const dues = { signDueAt: '2099-01-01T00:00:00Z', handleDueAt: '2099-02-01T00:00:00Z' };
  return { ...base, handling: base.handling.map((e) => ((e.payload as { workOrderId?: string }).workOrderId === 'o15b' && e.def === Events.handling.workOrderCreated ? { ...e, payload: { ...(e.payload as object), ...dues } } : e)) };
};

/** r11 classified again: a later brief with another category and area. */
const r11Reclassified = (): PlannedEvent => {
  const accepted = eventsOf(r11).intake[0]!;
  const { request } = accepted.payload as { request: object };
  return { ...accepted, payload: { request: { ...request, categoryCode: 'C05', areaCode: '320111' } } };
};

/** The first wave: every request's plain events, and what happens to some of them after. */
function firstWave(): Story {
  return join(
    eventsOf(r1), eventsOf(r2), eventsOf(r4),
    // r3's dissatisfied evaluation is judged unreasonable (不合理差评).
    join(eventsOf(r3), { ...none(), revisit: [judged(r3, 'r3-revisit', 20, false)] }),
    join(eventsOf(r6), { ...none(), revisit: [event(Events.revisit.revisitSkipped, { requestId: r6.requestId, reason: 'attempts-exhausted', skippedAt: at(r6, 3), unitId: C.unitId }), closed(r6, 4, { resolved: false, satisfaction: '', revisitOutcome: 'skipped' })] }),
    join(eventsOf(r5), { ...none(), revisit: [event(Events.revisit.revisitSkipped, { requestId: r5.requestId, reason: 'not-sampled', skippedAt: at(r5, 3), unitId: C.unitId })] }),
    eventsOf(r7), eventsOf(r8), eventsOf(r9), eventsOf(r10), eventsOf(r11), eventsOf(r12), r13Open(), r15Open(),
    // An order first seen without its request (signed before its creation arrives).
    { ...none(), handling: [event(Events.handling.workOrderSigned, { workOrderId: 'o14', requestId: '', unitId: C.unitId, signedAt: '2025-03-25T03:00:00Z', onTime: true, signedBy: 'operator-1' })] },
  );
}

/** The second wave: 重办, a termination, a merge, a category change, the orphan order's creation. */
function secondWave(): Story {
  const r14 = plan('r14', '2025-03-25', 'C02', '320111', { orders: [{ workOrderId: 'o14', ...C, role: 'primary', answers: [] }] });
  const created = eventsOf(r14);
  return join(
    r7Redo(),
    {
      ...none(),
      intake: [
        event(Events.intake.requestTerminated, {
          requestId: r8.requestId, number: 'n-r8', terminationId: 't-r8', reasonCode: 'repeated-no-new-facts', evidenceRequestNumbers: ['n-0'], hearingRecord: '',
          legalRoute: '行政复议', proposedBy: 'agent-1', approvedBy: 'supervisor-1', terminatedAt: at(r8, 30),
        }),
        ...statuses(r8, [['terminated', 'terminated']], 30),
        ...statuses(r9, [['merged', 'merged']], 30),
        r11Reclassified(),
      ],
      handling: [cancelled(r8, 30), cancelled(r9, 30), ...created.handling.filter((e) => e.def === Events.handling.workOrderCreated)],
    },
    // An answer that arrives late for the still-open r10.
    { ...none(), handling: [event(Events.handling.workOrderAnswered, {
      workOrderId: 'o10', requestId: r10.requestId, unitId: A.unitId, role: 'primary', answer: 'done', basis: '', contactRecord: 'called', answeredAt: at(r10, 400), onTime: false,
      reworkCount: 0, handlingWorkingHours: 80, answeredBy: 'operator-1', signedOffBy: '', handleDueAt: at(r10, 1), reworkDueAt: '', reworkOnTime: false,
    })] },
  );
}

const VARIANTS: RateSettings[] = [
  { basicallySatisfiedWeight: 1, partlyResolvedWeight: 0, excludeTerminated: true, excludeUnreasonableEvaluations: true },
  { basicallySatisfiedWeight: 0.5, partlyResolvedWeight: 0.5, excludeTerminated: false, excludeUnreasonableEvaluations: false },
  { basicallySatisfiedWeight: 0, partlyResolvedWeight: 1, excludeTerminated: true, excludeUnreasonableEvaluations: false },
  { basicallySatisfiedWeight: 0.8, partlyResolvedWeight: 0.2, excludeTerminated: false, excludeUnreasonableEvaluations: true },
];
const RANGES = [{}, { from: '2025-03-01', to: '2025-03-31' }, { from: '2025-04-02' }, { to: '2025-03-12' }, { from: '2025-03-04', to: '2025-03-04' }];

describe('rollups kept by the consumers (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const db = () => sut.service.context.db;

  async function publish(story: Story): Promise<void> {
    for (const producer of PRODUCER_ORDER) for (const e of story[producer]) await publishEvent(sut, e.def, TENANT, e.payload);
    await analyticsDrained(sut);
  }

  /** Every grouping × range × rate setting: the rollups' rows equal the reference's. */
  async function expectRollupsEqualFacts(): Promise<number> {
    let compared = 0;
    for (const settings of VARIANTS) {
      await db().run(TENANT, (m) => saveRateSettings(m, TENANT, settings, 'test'));
      for (const groupBy of RATE_GROUPINGS)
        for (const range of RANGES) {
          const q = { groupBy, ...range, limit: 1000, offset: 0 };
          const reference = await rateRows(db(), TENANT, q, NOW, factRateCounts);
          expect({ q, settings, rows: await rateRows(db(), TENANT, q, NOW, rollupRateCounts) }).toEqual({ q, settings, rows: reference });
          compared += reference.length;
        }
    }
    for (const range of RANGES) {
      await db().read(TENANT, async (m) => {
        expect(await rollupVolumes(m, range)).toEqual(await factVolumes(m, range));
        expect(await rollupHotspots(m, range)).toEqual(await factHotspots(m, range));
      });
    }
    return compared;
  }

  const fold = () => db().run(TENANT, async (m) => {
    while ((await foldDeltas(m, TENANT, 7)) > 0);
  });
  const rollupTable = () =>
    db().read(TENANT, async (m) => [
      ...(await m.query(`select * from rate_rollups order by dimension, day nulls first, key1 nulls first, key2 nulls first, terminated`)),
      ...(await m.query(`select * from rate_open_orders order by work_order_id`)),
      ...(await m.query(`select * from rate_open_requests order by request_id`)),
    ]);

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService);
  });
  afterAll(() => sut?.close());

  it('answers every grouping, range and setting as the facts do, while the events arrive and once folded', async () => {
    await publish(firstWave());
    expect(await sut.service.context.dataSource.query(`select event_type, error from dead_letters`)).toEqual([]);
    const deltas = await db().read(TENANT, (m) => m.query(`select count(*)::int as n from rate_rollup_deltas`));
    expect(deltas[0].n).toBeGreaterThan(0);
    // Unfolded: every figure from the deltas alone.
    expect(await expectRollupsEqualFacts()).toBeGreaterThan(100);
    await fold();
    expect((await db().read(TENANT, (m) => m.query(`select count(*)::int as n from rate_rollup_deltas`)))[0].n).toBe(0);
    await expectRollupsEqualFacts();

    // 重办's second evaluation, a termination, a merge, a category change, a late answer, the orphan order's creation.
    await publish(secondWave());
    expect(await sut.service.context.dataSource.query(`select event_type, error from dead_letters`)).toEqual([]);
    await expectRollupsEqualFacts();
    await fold();
    await expectRollupsEqualFacts();
  });

  it('moves what changed between buckets: the recategorised revisit, the terminated order, the redone evaluation', async () => {
    await db().run(TENANT, (m) => saveRateSettings(m, TENANT, VARIANTS[0]!, 'test'));
    const byCategory = await rateRows(db(), TENANT, { groupBy: 'category', limit: 100, offset: 0 }, NOW);
    // r11's order keeps the category it was created with, its revisit follows the request to C05.
    expect(byCategory.find((r) => r.key === 'C04')).toMatchObject({ workOrders: 1, revisits: 0 });
    expect(byCategory.find((r) => r.key === 'C05')).toMatchObject({ workOrders: 0, revisits: 1, satisfied: 1 });
    const byUnit = await rateRows(db(), TENANT, { groupBy: 'unit', limit: 100, offset: 0 }, NOW);
    // u-b: o3a, o4, merged o9 (cancelled) and r15's o15a; terminated o8 apart.
    expect(byUnit.find((r) => r.key === 'u-b')).toMatchObject({ label: '市城管局', workOrders: 4, cancelled: 1, terminatedWorkOrders: 1 });
    // u-a: r1, r2, r7 (redone, satisfied the second time), r10 answered late, r11, r13 (dues ahead: in no denominator).
    expect(byUnit.find((r) => r.key === 'u-a')).toMatchObject({ workOrders: 6, signed: 4, unsignedPastDue: 1, redone: 1, redoRounds: 1 });
  });

  it('rebuilds from the facts exactly what the consumers kept, and keeps it from there', async () => {
    await fold();
    const kept = await rollupTable();
    expect(kept.length).toBeGreaterThan(50);
    const res = await rollupsCommand(sut.service.context, ['rebuild', '--tenant', TENANT]);
    expect(res).toMatchObject({ exitCode: 0 });
    expect(res.output).toMatch(new RegExp(`${TENANT}\t\\d+ rollup rows`));
    expect(await rollupTable()).toEqual(kept);

    // Deltas after a rebuild apply to what it counted.
    const late2 = plan('r20', '2025-04-09', 'C01', '320102', { orders: [{ workOrderId: 'o20', ...A, role: 'primary', signedOnTime: true, answers: [late] }], revisit: { resolved: true, satisfaction: 'basically-satisfied' }, closed: true });
    await publish(eventsOf(late2));
    await expectRollupsEqualFacts();
    await fold();
    const folded = await rollupTable();
    await rollupsCommand(sut.service.context, ['rebuild', '--tenant', TENANT]);
    expect(await rollupTable()).toEqual(folded);
  });

  it('refuses a command it does not know with its usage', async () => {
    expect(await rollupsCommand(sut.service.context, ['rebuilt'])).toMatchObject({ exitCode: 64, output: expect.stringContaining('rollups rebuild [--tenant CODE]') });
    expect(await rollupsCommand(sut.service.context, ['rebuild', '--tenants', 'x'])).toMatchObject({ exitCode: 64 });
  });
});
