// Issue 13, "Rates that hold up": the tenant's rate settings, valid evaluations (有效参评), the
// second evaluation after 重办, terminated requests counted apart, grouping by area and period,
// 重办率, 回访率 and on-time completion per request, against real PostgreSQL and NATS.
import { EventDefinition, Events } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { analyticsService } from '../src/analytics.service';
import { eventsOf, PlannedEvent, Producer, PRODUCER_ORDER, RequestPlan, statusPath } from './lifecycle-scenario';
import { analyticsDrained } from './support/drained';

const HOUR = 3_600_000;
const D1 = '2025-03-03'; // Monday of ISO week 2025-W10
const D2 = '2025-03-12'; // Wednesday of 2025-W11
const D3 = '2025-04-02'; // Wednesday of 2025-W14
const housing = { unitId: 'u-a', unitName: '市住建局' };
const city = { unitId: 'u-b', unitName: '市城管局' };
const ok = { onTime: true, hours: 4, passes: true };

type Story = Record<Producer, PlannedEvent[]>;
const event = <T>(def: EventDefinition<T>, payload: T): PlannedEvent => ({ def: def as EventDefinition<unknown>, payload });
const later = (r: RequestPlan, hours: number) => new Date(new Date(r.receivedAt).getTime() + hours * HOUR).toISOString();

/** A request's plain events (eventsOf), then what this test adds to each producer's, in order. */
function story(r: RequestPlan, extra: Partial<Story> = {}): Story {
  const base = eventsOf(r);
  return Object.fromEntries(PRODUCER_ORDER.map((p) => [p, [...base[p], ...(extra[p] ?? [])]])) as Story;
}

/** intake's next status changes of the request, numbered after the plain path. */
function statuses(r: RequestPlan, changes: Array<[string, string]>, hours = 10): PlannedEvent[] {
  const path = statusPath(r);
  let from = path[path.length - 1]![0] as string;
  return changes.map(([toStatus, reason], i) => {
    const e = event(Events.intake.requestStatusChanged, {
      requestId: r.requestId, fromStatus: from, toStatus, reason, at: later(r, hours + i), actor: 'system:intake', sequence: String(path.length + i + 1),
    });
    from = toStatus;
    return e;
  });
}

const evaluation = (r: RequestPlan, revisitId: string, hours: number, e: { resolved: boolean; satisfaction: string; resolution?: string }) =>
  event(Events.revisit.revisitRecorded, {
    revisitId, requestId: r.requestId, method: 'phone', ...e, recordedAt: later(r, hours), unitId: r.orders[0]!.unitId, recordedBy: 'agent-1',
  });
const judged = (r: RequestPlan, revisitId: string, hours: number, reasonable: boolean, judgement?: string) =>
  event(Events.revisit.evaluationJudged, {
    requestId: r.requestId, revisitId, reasonable, note: '', judgedAt: later(r, hours), judgedBy: 'reviewer-1',
    unitId: r.orders[0]!.unitId, workOrderId: r.orders[0]!.workOrderId, ...(judgement ? { judgement } : {}),
  });
const closed = (r: RequestPlan, hours: number, e: { resolved: boolean; satisfaction: string; revisitOutcome: string }) =>
  event(Events.revisit.requestClosed, { requestId: r.requestId, closedAt: later(r, hours), closedBy: 'agent-1', ...e });
const skipped = (r: RequestPlan, hours: number, reason: string) =>
  event(Events.revisit.revisitSkipped, { requestId: r.requestId, reason, skippedAt: later(r, hours), unitId: r.orders[0]!.unitId });

/** The judged evaluation goes before its closure, as revisit publishes them. */
function judgedBeforeClosure(events: Story, judgement: PlannedEvent): Story {
  const at = events.revisit.findIndex((e) => e.def === Events.revisit.requestClosed);
  return { ...events, revisit: [...events.revisit.slice(0, at), judgement, ...events.revisit.slice(at)] };
}

// u-a (市住建局): s1 满意/解决; s2 基本满意/部分解决; s3 不满意 judged unreasonable (不合理差评);
// s4 不满意, judged reasonable, reopened (重办), answered again late, evaluated 满意 the second
// time; s9 anonymous, checked by the hotline itself (resolved, no satisfaction: 未评价).
const s1: RequestPlan = {
  requestId: 's1', category: 'C01', receivedAt: `${D1}T02:00:00Z`, day: D1, areaCode: '320102',
  orders: [{ workOrderId: 'w1', ...housing, role: 'primary', signedOnTime: true, answers: [ok] }],
  revisit: { resolved: true, satisfaction: 'satisfied', resolution: 'resolved' }, closed: true,
};
const s2: RequestPlan = {
  requestId: 's2', category: 'C01', receivedAt: `${D1}T03:00:00Z`, day: D1, areaCode: '320102',
  orders: [{ workOrderId: 'w2', ...housing, role: 'primary', signedOnTime: true, answers: [ok] }],
  revisit: { resolved: false, satisfaction: 'basically-satisfied', resolution: 'partly-resolved' }, closed: true,
};
const s3: RequestPlan = {
  requestId: 's3', category: 'C02', receivedAt: `${D2}T02:00:00Z`, day: D2, areaCode: '320105',
  orders: [{ workOrderId: 'w3', ...housing, role: 'primary', signedOnTime: true, answers: [ok] }],
  revisit: { resolved: false, satisfaction: 'dissatisfied', resolution: 'unresolved' }, closed: true,
};
const s4: RequestPlan = {
  requestId: 's4', category: 'C02', receivedAt: `${D3}T02:00:00Z`, day: D3, areaCode: '320105',
  orders: [{ workOrderId: 'w4', ...housing, role: 'primary', signedOnTime: true, answers: [ok] }],
};
const s9: RequestPlan = {
  requestId: 's9', category: 'C02', receivedAt: `${D2}T05:00:00Z`, day: D2, areaCode: '320105', anonymous: true,
  orders: [{ workOrderId: 'w9', ...housing, role: 'primary', signedOnTime: true, answers: [ok] }],
  revisit: { resolved: true, satisfaction: '', resolution: 'resolved', respondent: 'hotline' }, closed: true,
};
// u-b (市城管局): s5 signed late, then terminated (诉求终结) and its order cancelled; s6 满意;
// s7 revisit attempts exhausted (needed, not reached); s8 not drawn by the sampling (not needed).
const s5: RequestPlan = {
  requestId: 's5', category: 'C01', receivedAt: `${D1}T04:00:00Z`, day: D1, areaCode: '320102',
  orders: [{ workOrderId: 'w5', ...city, role: 'primary', signedOnTime: false, answers: [] }],
};
const s6: RequestPlan = {
  requestId: 's6', category: 'C01', receivedAt: `${D1}T05:00:00Z`, day: D1, areaCode: '320102',
  orders: [{ workOrderId: 'w6', ...city, role: 'primary', signedOnTime: true, answers: [ok] }],
  revisit: { resolved: true, satisfaction: 'satisfied' }, closed: true,
};
const s7: RequestPlan = {
  requestId: 's7', category: 'C03', receivedAt: `${D2}T03:00:00Z`, day: D2, areaCode: '320102',
  orders: [{ workOrderId: 'w7', ...city, role: 'primary', signedOnTime: true, answers: [ok] }],
};
const s8: RequestPlan = {
  requestId: 's8', category: 'C03', receivedAt: `${D2}T04:00:00Z`, day: D2, areaCode: '320102',
  orders: [{ workOrderId: 'w8', ...city, role: 'primary', signedOnTime: true, answers: [ok] }],
};

/** s4's 重办: evaluated 不满意, judged reasonable, the order reopened; then answered again, reviewed, evaluated again, closed. */
function redoRound(r: RequestPlan): { first: Story; second: Story } {
  const o = r.orders[0]!;
  const ids = { workOrderId: o.workOrderId, requestId: r.requestId, unitId: o.unitId };
  const dissatisfied = { resolved: false, satisfaction: 'dissatisfied', resolution: 'unresolved' };
  const first = story(r, {
    intake: statuses(r, [['revisited', 'revisit-recorded']]),
    revisit: [evaluation(r, `${r.requestId}-rv1`, 2, dissatisfied), judged(r, `${r.requestId}-rv1`, 3, true)],
    handling: [event(Events.handling.workOrderReopened, {
      ...ids, reasons: ['reasonable dissatisfaction'], reworkCount: 1, handleDueAt: later(r, -1), reopenedAt: later(r, 3.5), reworkDueAt: later(r, 50),
    })],
  });
  const second: Story = {
    intake: statuses(r, [['closed', 'revisit-closed']], 20).map((e) => ({ ...e, payload: { ...(e.payload as object), fromStatus: 'revisited', sequence: String(statusPath(r).length + 2) } })),
    dispatch: [],
    handling: [event(Events.handling.workOrderAnswered, {
      ...ids, role: 'primary', answer: 'redone', basis: '', contactRecord: 'called', answeredAt: later(r, 10), onTime: false, reworkCount: 1,
      handlingWorkingHours: 30, answeredBy: 'operator-1', signedOffBy: '', handleDueAt: later(r, -1), reworkDueAt: later(r, 50), reworkOnTime: true,
    })],
    revisit: [
      event(Events.revisit.answerReviewed, {
        reviewId: `${o.workOrderId}-review-redo`, requestId: r.requestId, workOrderId: o.workOrderId, unitId: o.unitId, passed: true, reasons: [],
        reviewedAt: later(r, 11), reviewedBy: 'reviewer-1', role: 'primary',
      }),
      evaluation(r, `${r.requestId}-rv2`, 12, { resolved: true, satisfaction: 'satisfied', resolution: 'resolved' }),
      closed(r, 13, { resolved: true, satisfaction: 'satisfied', revisitOutcome: 'evaluated' }),
    ],
  };
  return { first, second };
}

function terminated(r: RequestPlan): Story {
  const o = r.orders[0]!;
  return story(r, {
    intake: [
      event(Events.intake.requestTerminated, {
        requestId: r.requestId, number: `n-${r.requestId}`, terminationId: `t-${r.requestId}`, reasonCode: 'repeated-no-new-facts',
        evidenceRequestNumbers: ['n-earlier'], hearingRecord: '', legalRoute: '行政复议', proposedBy: 'agent-1', approvedBy: 'supervisor-1',
        terminatedAt: later(r, 5),
      }),
      ...statuses(r, [['terminated', 'terminated'], ['archived', 'archived']], 5),
    ],
    handling: [event(Events.handling.workOrderCancelled, {
      workOrderId: o.workOrderId, requestId: r.requestId, unitId: o.unitId, role: 'primary', reason: 'request-closed', previousStatus: 'in-progress',
      cancelledAt: later(r, 5),
    })],
  });
}

function scenario(): Story[] {
  const redo = redoRound(s4);
  return [
    story(s1), story(s2),
    judgedBeforeClosure(story(s3), judged(s3, 's3-revisit', 2, false)),
    redo.first, redo.second,
    terminated(s5), story(s6), story(s9),
    story(s7, { revisit: [skipped(s7, 3, 'attempts-exhausted'), closed(s7, 4, { resolved: false, satisfaction: '', revisitOutcome: 'skipped' })] }),
    story(s8, { revisit: [skipped(s8, 3, 'not-sampled'), closed(s8, 4, { resolved: false, satisfaction: '', revisitOutcome: 'skipped' })] }),
  ];
}

describe('rates that hold up (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const as = (tenant: string, roles: Parameters<ServiceUnderTest['as']>[1] = ['supervisor']) => sut.as(tenant, roles);

  async function publish(tenant: string, stories: Story[]): Promise<void> {
    for (const producer of PRODUCER_ORDER)
      for (const s of stories) for (const e of s[producer]) await publishEvent(sut, e.def, tenant, e.payload);
    await analyticsDrained(sut);
  }

  async function rates(tenant: string, query: string) {
    const res = await as(tenant)('GET', `/v1/metrics/rates?${query}`);
    expect(res.status).toBe(200);
    return res.body;
  }
  const row = async (tenant: string, query: string, key: string) => (await rates(tenant, query)).items.find((r: { key: string }) => r.key === key);

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService);
    await publish('city-r', scenario());
    await publish('city-w', scenario());
  });
  afterAll(() => sut?.close());

  it('applies every event of the scenarios: none refused into dead_letters', async () => {
    expect(await sut.service.context.dataSource.query(`select event_type, error from dead_letters`)).toEqual([]);
  });

  describe('with the default settings', () => {
    it('reports the basis: 基本满意 counted as satisfied, 部分解决 not resolved, terminated and unreasonable left out', async () => {
      const body = await rates('city-r', 'groupBy=unit');
      expect(body.basis).toEqual({
        basicallySatisfiedWeight: 1, partlyResolvedWeight: 0, excludeTerminated: true, excludeUnreasonableEvaluations: true, isDefault: true, updatedAt: null,
      });
      expect((await as('city-r')('GET', '/v1/rate-settings')).body).toEqual(body.basis);
    });

    it('counts the valid evaluations (有效参评) of 满意率 apart from the evaluations of 解决率', async () => {
      expect(await row('city-r', 'groupBy=unit', 'u-a')).toMatchObject({
        // s1, s2, s3, s4 (its second evaluation), s9.
        revisits: 5, resolved: 3, partlyResolved: 1, resolutionNumerator: 3, resolutionRate: 0.6,
        // s3 judged unreasonable and s9 unrated are not valid: s1 and s4 满意, s2 基本满意.
        unreasonableEvaluations: 1, unratedEvaluations: 1, validEvaluations: 3, satisfied: 2, basicallySatisfied: 1, dissatisfied: 0,
        satisfactionNumerator: 3, satisfactionRate: 1,
        // Before exclusions: s1, s2, s4.
        satisfiedOrBasicallySatisfied: 3,
      });
    });

    it('lets the second evaluation after 重办 replace the first, and counts the round in 重办率', async () => {
      expect(await row('city-r', 'groupBy=week', '2025-W14')).toMatchObject({
        workOrders: 1, revisits: 1, satisfied: 1, dissatisfied: 0, satisfactionRate: 1, resolutionRate: 1,
        redone: 1, redoRounds: 1, redoRate: 1,
        // Answered again after its original due: late, for the order and for the request.
        answered: 1, answeredOnTime: 0, onTimeAnswerRate: 0, completionDenominator: 1, requestsCompletedOnTime: 0, onTimeCompletionRate: 0,
      });
      expect(await row('city-r', 'groupBy=unit', 'u-a')).toMatchObject({ redone: 1, redoRounds: 1, redoRate: 0.2 });
    });

    it('leaves a terminated request\'s order out of the unit\'s rates and counts it as terminated, with its reason', async () => {
      expect(await row('city-r', 'groupBy=unit', 'u-b')).toMatchObject({
        // s6, s7, s8: signed on time; s5's order (signed late, cancelled at termination) is out.
        terminatedWorkOrders: 1, workOrders: 3, cancelled: 0, signed: 3, signedOnTime: 3, responseRate: 1,
        answered: 3, unansweredPastDue: 0, onTimeAnswerRate: 1, completionDenominator: 3, requestsCompletedOnTime: 3, onTimeCompletionRate: 1,
      });
      const statuses = (await as('city-r')('GET', '/v1/metrics/statuses')).body;
      // Archived since: counted under its status, and as terminated with its reason.
      expect(statuses.terminated).toBe(1);
      expect(statuses.terminationReasons.filter((t: { count: number }) => t.count > 0)).toEqual([{ reasonCode: 'repeated-no-new-facts', count: 1 }]);
      expect(statuses.terminationReasons).toHaveLength(10);
      expect(statuses.items.find((i: { status: string }) => i.status === 'archived').count).toBe(1);
      expect((await as('city-r')('GET', `/v1/metrics/statuses?from=${D2}`)).body.terminated).toBe(0);
    });

    it('computes 回访率 over closed requests that needed a revisit', async () => {
      // u-a: five closed and evaluated (s9 by the hotline itself).
      expect(await row('city-r', 'groupBy=unit', 'u-a')).toMatchObject({ revisitDenominator: 5, revisitedRequests: 5, revisitRate: 1 });
      // u-b: s6 evaluated, s7 attempts exhausted; s8 not drawn needed none.
      expect(await row('city-r', 'groupBy=unit', 'u-b')).toMatchObject({ revisits: 1, skippedRevisits: 2, revisitDenominator: 2, revisitedRequests: 1, revisitRate: 0.5 });
    });

    it('groups by area, week and month of receipt, filtered by the days', async () => {
      const byArea = (await rates('city-r', 'groupBy=area')).items;
      expect(byArea.map((r: { key: string; label: string }) => [r.key, r.label])).toEqual([['320102', '320102'], ['320105', '320105']]);
      expect(byArea[0]).toMatchObject({ workOrders: 5, terminatedWorkOrders: 1, revisits: 3, validEvaluations: 3, satisfactionRate: 1, revisitRate: 0.75 });
      expect(byArea[1]).toMatchObject({ workOrders: 3, revisits: 3, unreasonableEvaluations: 1, unratedEvaluations: 1, validEvaluations: 1, redone: 1, redoRate: 0.3333 });
      const byWeek = (await rates('city-r', 'groupBy=week')).items;
      expect(byWeek.map((r: { key: string; workOrders: number; revisits: number; skippedRevisits: number }) => [r.key, r.workOrders, r.revisits, r.skippedRevisits])).toEqual([
        ['2025-W10', 3, 3, 0], ['2025-W11', 4, 2, 2], ['2025-W14', 1, 1, 0],
      ]);
      const byMonth = (await rates('city-r', 'groupBy=month')).items;
      expect(byMonth.map((r: { key: string; workOrders: number; terminatedWorkOrders: number }) => [r.key, r.workOrders, r.terminatedWorkOrders])).toEqual([
        ['2025-03', 7, 1], ['2025-04', 1, 0],
      ]);
      const ranged = await rates('city-r', 'groupBy=week&from=2025-03-10&to=2025-03-31');
      expect(ranged).toMatchObject({ groupBy: 'week', from: '2025-03-10', to: '2025-03-31', total: 1, items: [expect.objectContaining({ key: '2025-W11', workOrders: 4 })] });
      expect((await rates('city-r', 'groupBy=month&from=2025-04-01')).items.map((r: { key: string }) => r.key)).toEqual(['2025-04']);
    });
  });

  describe('with the tenant\'s own settings', () => {
    beforeAll(async () => {
      const put = await as('city-w', ['tenant-admin'])('PUT', '/v1/rate-settings', {
        basicallySatisfiedWeight: 0.5, partlyResolvedWeight: 0.5, excludeTerminated: false, excludeUnreasonableEvaluations: false,
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ basicallySatisfiedWeight: 0.5, partlyResolvedWeight: 0.5, excludeTerminated: false, isDefault: false });
    });

    it('weighs 基本满意 and 部分解决 and keeps unreasonable evaluations in 满意率', async () => {
      const body = await rates('city-w', 'groupBy=unit');
      expect(body.basis).toMatchObject({ basicallySatisfiedWeight: 0.5, partlyResolvedWeight: 0.5, excludeTerminated: false, excludeUnreasonableEvaluations: false, isDefault: false });
      expect(body.basis.updatedAt).toEqual(expect.any(String));
      expect(body.items.find((r: { key: string }) => r.key === 'u-a')).toMatchObject({
        // 解决率 = (3 + 0.5 × 1) / 5; 满意率 = (2 + 0.5 × 1) / 4, s3's 不满意 back in the denominator.
        resolutionNumerator: 3.5, resolutionRate: 0.7, validEvaluations: 4, dissatisfied: 1, satisfactionNumerator: 2.5, satisfactionRate: 0.625,
        unreasonableEvaluations: 1,
      });
    });

    it('counts a terminated request\'s order in the unit\'s rates when the tenant says so, still counted as terminated', async () => {
      expect(await row('city-w', 'groupBy=unit', 'u-b')).toMatchObject({
        terminatedWorkOrders: 1, workOrders: 4, cancelled: 1, signed: 4, signedOnTime: 3, responseRate: 0.75,
        // Cancelled after its handling due passed: a miss, for the order and for the request.
        unansweredPastDue: 1, onTimeAnswerRate: 0.75, completionDenominator: 4, requestsCompletedOnTime: 3, onTimeCompletionRate: 0.75,
        // A terminated request needs no revisit, whatever the setting.
        revisitDenominator: 2,
      });
    });

    it('leaves the other tenant on its defaults', async () => {
      expect((await rates('city-r', 'groupBy=unit')).basis.isDefault).toBe(true);
      expect(await row('city-r', 'groupBy=unit', 'u-a')).toMatchObject({ satisfactionRate: 1, resolutionRate: 0.6 });
    });
  });

  describe('重办 as it happens', () => {
    const tenant = 'city-redo';
    const redo = redoRound(s4);
    // A dissatisfied evaluation judged for 持续跟踪 (follow-up): neither unreasonable nor a redo.
    const f1: RequestPlan = { ...s1, requestId: 'f1', orders: [{ workOrderId: 'wf1', ...housing, role: 'primary', signedOnTime: true, answers: [ok] }], revisit: undefined, closed: false };
    const followUp = story(f1, {
      revisit: [evaluation(f1, 'f1-rv1', 2, { resolved: false, satisfaction: 'dissatisfied', resolution: 'unresolved' }), judged(f1, 'f1-rv1', 3, false, 'follow-up')],
    });

    it('counts the first evaluation while the order is being redone, the second once it is recorded, never the first again', async () => {
      await publish(tenant, [redo.first, followUp]);
      expect(await row(tenant, 'groupBy=month', '2025-04')).toMatchObject({
        revisits: 1, dissatisfied: 1, validEvaluations: 1, satisfactionRate: 0, redone: 1, redoRounds: 1,
        // The answer sent back no longer stands, and its original due has passed: late already.
        answered: 0, unansweredPastDue: 1, completionDenominator: 1, requestsCompletedOnTime: 0,
      });
      expect(await row(tenant, 'groupBy=month', '2025-03')).toMatchObject({ revisits: 1, dissatisfied: 1, validEvaluations: 1, unreasonableEvaluations: 0, redone: 0 });

      await publish(tenant, [redo.second]);
      const after = await row(tenant, 'groupBy=month', '2025-04');
      expect(after).toMatchObject({ revisits: 1, satisfied: 1, dissatisfied: 0, satisfactionRate: 1, redone: 1, redoRounds: 1, answered: 1, revisitRate: 1 });

      // The first evaluation delivered again late (a new message): older, it replaces nothing.
      await publish(tenant, [{ intake: [], dispatch: [], handling: [], revisit: redo.first.revisit.filter((e) => e.def === Events.revisit.revisitRecorded) }]);
      expect(await row(tenant, 'groupBy=month', '2025-04')).toEqual(after);
    });
  });

  describe('settings input', () => {
    it('refuses a bad body with a 400 naming each field, and lets only tenant-admins write', async () => {
      const admin = as('city-r', ['tenant-admin']);
      const bad = await admin('PUT', '/v1/rate-settings', { basicallySatisfiedWeight: 1.5, partlyResolvedWeight: '0.5', excludeTerminated: 'yes', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.type).toContain('application/problem+json');
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        '(body)', 'basicallySatisfiedWeight', 'excludeTerminated', 'excludeUnreasonableEvaluations', 'partlyResolvedWeight',
      ]);
      const valid = { basicallySatisfiedWeight: 1, partlyResolvedWeight: 0, excludeTerminated: true, excludeUnreasonableEvaluations: true };
      expect((await as('city-r', ['supervisor'])('PUT', '/v1/rate-settings', valid)).status).toBe(403);
      expect((await as('city-r', ['agent'])('GET', '/v1/rate-settings')).status).toBe(403);
      expect((await as('city-r', ['supervisor'])('GET', '/v1/rate-settings')).body.isDefault).toBe(true);
      const doc = await sut.request('GET', '/docs/openapi.json');
      expect(doc.body.paths['/v1/rate-settings'].put.description).toContain('domain.md §9.3');
    });
  });
});
