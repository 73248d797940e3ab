import { commonV1, Events, streamOf } from '@hotline/contracts';
import { planConsumers, ServiceDefinition } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { analyticsService } from '../src/analytics.service';
import { eventsOf, expectedRates, expectedStatuses, PlannedEvent, Producer, PRODUCER_ORDER, RequestPlan } from './lifecycle-scenario';
import { analyticsDrained } from './support/drained';

const D1 = '2025-03-03';
const D2 = '2025-03-04';
const water = { unitId: 'u-water', unitName: '市水务局' };
const roads = { unitId: 'u-roads', unitName: '市交通运输局' };
const ok = (hours: number) => ({ onTime: true, hours, passes: true });

const cityA: RequestPlan[] = [
  {
    requestId: 'r1', category: 'C01', receivedAt: `${D1}T02:00:00Z`, day: D1,
    orders: [
      { workOrderId: 'w1', ...water, role: 'primary', signedOnTime: true, answers: [ok(5)] },
      { workOrderId: 'w2', ...roads, role: 'assisting', signedOnTime: false, answers: [ok(3)] },
    ],
    revisit: { resolved: true, satisfaction: 'satisfied' }, closed: true, archived: true,
  },
  {
    requestId: 'r2', category: 'C02', receivedAt: `${D1}T03:00:00Z`, day: D1,
    // Answered on time, sent back by review, answered again after the original due: late.
    // Urged by hand, then up the ladder to its circular.
    orders: [{
      workOrderId: 'w3', ...roads, role: 'primary', signedOnTime: true, answers: [{ onTime: true, hours: 6, passes: false }, { onTime: false, hours: 30, passes: true }],
      urges: ['reminder', 'notice', 'circular'], supervisions: 2,
    }],
    revisit: { resolved: false, satisfaction: 'dissatisfied' }, closed: true,
  },
  {
    // 01:30 on 03-04 in Shanghai.
    requestId: 'r3', category: 'C01', receivedAt: `${D1}T17:30:00Z`, day: D2, queued: true,
    // Reminded twice: one urged order.
    orders: [{ workOrderId: 'w4', ...water, role: 'primary', signedOnTime: true, answers: [ok(4)], urges: ['reminder', 'reminder'] }],
    revisit: { resolved: false, satisfaction: 'basically-satisfied' },
  },
  { requestId: 'r4', category: 'C02', receivedAt: `${D2}T02:00:00Z`, day: D2, closedAtIntake: 'direct-answer', orders: [] },
  { requestId: 'r5', category: 'C01', receivedAt: `${D2}T04:00:00Z`, day: D2, orders: [] },
  { requestId: 'r6', category: 'C03', receivedAt: `${D1}T05:00:00Z`, day: D1, closedAtIntake: 'legal-route', orders: [] },
  {
    // Anonymous: nobody to revisit. The assisting unit never signed; its order was cancelled at closure.
    requestId: 'r7', category: 'C02', receivedAt: `${D2}T06:00:00Z`, day: D2, anonymous: true,
    orders: [
      { workOrderId: 'w5', ...water, role: 'primary', signedOnTime: true, answers: [ok(2)] },
      { workOrderId: 'w6', ...roads, role: 'assisting', answers: [], cancelled: true },
    ],
    revisit: 'skipped', closed: true,
  },
];
const statusesOfA = { registered: 1, revisited: 1, closed: 3, 'not-accepted': 1, archived: 1 };

const cityB: RequestPlan[] = [
  {
    requestId: 'b1', category: 'B9', receivedAt: `${D1}T06:00:00Z`, day: D1,
    orders: [{ workOrderId: 'bw1', unitId: 'u-b-housing', unitName: 'B 住建局', role: 'primary', answers: [] }],
  },
];

const planConsumersOf = (service: ServiceDefinition, namespace: string) => planConsumers(service.name, namespace, service.handlers ?? []);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('analytics lifecycle read model (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const published: Array<{ tenant: string; event: PlannedEvent; id: string }> = [];
  const get = (tenant: string, path: string, roles: Parameters<ServiceUnderTest['as']>[1] = ['supervisor']) => sut.as(tenant, roles)('GET', path);

  async function publishAll(tenant: string, events: readonly PlannedEvent[]): Promise<void> {
    for (const event of events) published.push({ tenant, event, id: await publishEvent(sut, event.def, tenant, event.payload) });
  }

  /** Each producer's events in turn; `reversed` producers publish theirs newest first. */
  async function publish(tenant: string, requests: RequestPlan[], order: readonly Producer[] = PRODUCER_ORDER, reversed: Producer[] = []): Promise<void> {
    for (const producer of order) {
      const events = requests.flatMap((r) => eventsOf(r)[producer]);
      await publishAll(tenant, reversed.includes(producer) ? events.reverse() : events);
    }
  }

  const drained = () => analyticsDrained(sut);

  const statusCounts = async (tenant: string, query = '') => {
    const res = await get(tenant, `/v1/metrics/statuses${query}`);
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.items.filter((i: { count: number }) => i.count > 0).map((i: { status: string; count: number }) => [i.status, i.count]));
  };
  const rates = async (tenant: string, query: string) => {
    const res = await get(tenant, `/v1/metrics/rates?${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const unitRow = async (tenant: string, unitId: string) => (await rates(tenant, 'groupBy=unit')).find((r: { key: string }) => r.key === unitId);

  beforeAll(async () => {
    // A short dedup window lets a test redeliver a message id through JetStream to the inbox.
    sut = await startServiceUnderTest(analyticsService, { env: { STREAM_DUPLICATE_WINDOW_MS: '300' } });
    await publish('city-a', cityA);
    await publish('city-b', cityB);
    await drained();
  });

  afterAll(() => sut?.close());

  it('keeps the durable consumers deployed: analytics--hl-<producer>-v1--all, each reading its whole stream', async () => {
    for (const producer of PRODUCER_ORDER) {
      const info = await sut.service.context.bus.jsm.consumers.info(streamOf(sut.namespace, producer).name, `analytics--hl-${producer}-v1--all`);
      expect(info.config.filter_subject ?? '').toBe('');
    }
    // The read model's four; early warning and clusters read accepted requests through their own consumers.
    expect(planConsumersOf(analyticsService, sut.namespace).filter((p) => p.spec.durable.endsWith('--all'))).toHaveLength(4);
  });

  it('counts requests by the status intake last published, on their local receipt day', async () => {
    expect(expectedStatuses(cityA)).toEqual(statusesOfA);
    expect(await statusCounts('city-a')).toEqual(statusesOfA);
    expect(await statusCounts('city-a', `?from=${D2}&to=${D2}`)).toEqual({ registered: 1, revisited: 1, closed: 2 });
    expect(await statusCounts('city-a', `?from=${D1}&to=${D1}`)).toEqual({ closed: 1, 'not-accepted': 1, archived: 1 });
    const all = await get('city-a', '/v1/metrics/statuses', ['tenant-admin']);
    expect(all.body).toMatchObject({ from: null, to: null, total: 7, directAnswers: 1 });
    expect(all.body.items.map((i: { status: string }) => i.status)).toEqual([
      'registered', 'awaiting-dispatch', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited', 'closed', 'not-accepted', 'merged', 'transferred', 'terminated', 'archived',
    ]);
    // The direct answer (直接办理) is closed, as in intake, and still reported as such.
    expect((await get('city-a', `/v1/metrics/statuses?from=${D1}&to=${D1}`)).body.directAnswers).toBe(0);
    expect((await get('city-a', `/v1/metrics/statuses?from=${D2}&to=${D2}`)).body.directAnswers).toBe(1);
  });

  it('answers the former /v1/metrics/stages path with the same figures', async () => {
    const [stages, statuses] = [await get('city-a', '/v1/metrics/stages'), await get('city-a', '/v1/metrics/statuses')];
    expect(stages.status).toBe(200);
    expect(stages.body).toEqual(statuses.body);
  });

  it.each(['unit', 'category', 'area', 'day', 'week', 'month'] as const)('computes every rate by %s as the formulas say', async (groupBy) => {
    expect(await rates('city-a', `groupBy=${groupBy}`)).toEqual(expectedRates(cityA, groupBy));
  });

  it('spells out the rates of the scenario (standing answers, original dues, evaluated revisits to the primary unit)', async () => {
    const byUnit = await rates('city-a', 'groupBy=unit');
    expect(byUnit).toEqual([
      // w2 signed late, w3 on time, w6 never signed (its due passed before it was cancelled).
      expect.objectContaining({ key: 'u-roads', label: '市交通运输局', workOrders: 3, cancelled: 1, signed: 2, signedOnTime: 1, unsignedPastDue: 1,
        responseDenominator: 3, responseRate: 0.3333, answered: 2, answeredOnTime: 1, unansweredPastDue: 1, onTimeAnswerDenominator: 3,
        onTimeAnswerRate: 0.3333, avgHandlingWorkingHours: 16.5, revisits: 1, resolved: 0, resolutionRate: 0, satisfactionRate: 0,
        // w3 urged by hand and up the ladder: one order of three (催办率), with its notice and circular.
        urged: 1, urgeNotices: 1, circulars: 1, urgeRate: 0.3333,
        // Two 督办 orders on w3, each opened, replied and closed: counted once each.
        supervisions: 2 }),
      // r7's revisit was skipped: reported, and in neither denominator.
      expect.objectContaining({ key: 'u-water', label: '市水务局', workOrders: 3, responseRate: 1, onTimeAnswerRate: 1, avgHandlingWorkingHours: 3.6667,
        revisits: 2, skippedRevisits: 1, resolutionRate: 0.5, satisfiedOrBasicallySatisfied: 2, satisfactionRate: 1,
        // w4 reminded twice is one urged order.
        urged: 1, urgeNotices: 0, circulars: 0, urgeRate: 0.3333, supervisions: 0 }),
    ]);
  });

  it('filters rates by receipt day', async () => {
    expect(await rates('city-a', `groupBy=day&from=${D2}&to=${D2}`)).toEqual(expectedRates(cityA, 'day').filter((r) => r.key === D2));
    expect(await rates('city-a', `groupBy=category&from=${D2}`)).toEqual(expectedRates(cityA.filter((r) => r.day === D2), 'category'));
    expect(await rates('city-a', 'groupBy=unit&from=2024-01-01&to=2024-01-31')).toEqual([]);
  });

  it('shows each tenant only its own figures', async () => {
    expect(await statusCounts('city-b')).toEqual({ dispatched: 1 });
    const forB = await rates('city-b', 'groupBy=unit');
    expect(forB).toEqual(expectedRates(cityB, 'unit'));
    // Neither signed nor answered, both dues long past: a miss in both rates.
    expect(forB[0]).toMatchObject({ workOrders: 1, responseRate: 0, onTimeAnswerRate: 0, avgHandlingWorkingHours: null, satisfactionRate: null });
    expect(await statusCounts('city-z')).toEqual({});
    expect(await rates('city-z', 'groupBy=category')).toEqual([]);
  });

  it('gives the same figures when streams deliver out of order, and intake\'s changes newest first', async () => {
    await publish('city-c', cityA, ['revisit']);
    await drained();
    // Revisits known before their requests: no status yet (only intake sets it), no category or day.
    expect(await statusCounts('city-c')).toEqual({});
    await publish('city-c', cityA, ['handling', 'dispatch', 'intake'], ['intake']);
    await drained();
    expect(await statusCounts('city-c')).toEqual(statusesOfA);
    for (const groupBy of ['unit', 'category', 'day'])
      expect(await rates('city-c', `groupBy=${groupBy}`)).toEqual(await rates('city-a', `groupBy=${groupBy}`));
  });

  it('changes nothing when a message is delivered again with the same id', async () => {
    const before = { statuses: await statusCounts('city-a'), rates: await rates('city-a', 'groupBy=unit'), tallies: (await get('city-a', '/v1/event-tallies')).body };
    const stream = streamOf(sut.namespace, 'intake').name;
    const stored = (await sut.service.context.bus.jsm.streams.info(stream)).state.messages;
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the dedup window: JetStream stores it again
    const again = published.filter((p) => p.tenant === 'city-a');
    for (const p of again) await publishEvent(sut, p.event.def, p.tenant, p.event.payload, p.id);
    await drained();
    expect((await sut.service.context.bus.jsm.streams.info(stream)).state.messages).toBeGreaterThan(stored);
    expect(await statusCounts('city-a')).toEqual(before.statuses);
    expect(await rates('city-a', 'groupBy=unit')).toEqual(before.rates);
    expect((await get('city-a', '/v1/event-tallies')).body).toEqual(before.tallies);
  });

  it('keeps the event tallies of every stream, in pages', async () => {
    const all = (await get('city-a', '/v1/event-tallies?limit=200')).body;
    const count = (type: string) =>
      all.items.filter((t: { eventType: string }) => t.eventType === type).reduce((n: number, t: { count: number }) => n + t.count, 0);
    expect(count(Events.intake.requestAccepted.type)).toBe(5);
    expect(count(Events.intake.requestStatusChanged.type)).toBe(cityA.reduce((n, r) => n + eventsOf(r).intake.length - 1, 0));
    expect(count(Events.dispatch.requestDispatched.type)).toBe(4);
    expect(count(Events.revisit.requestArchived.type)).toBe(1);
    const page = (await get('city-a', '/v1/event-tallies?limit=1&offset=1')).body;
    expect(page).toMatchObject({ total: all.total, limit: 1, offset: 1, items: [all.items[1]] });
  });

  it('answers a bad query with a 400 naming each field, and checks roles', async () => {
    const bad = await get('city-a', '/v1/metrics/rates?groupBy=year&from=03-03&limit=500');
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.from', 'query.groupBy', 'query.limit']);
    expect((await get('city-a', '/v1/metrics/rates')).body.errors).toEqual([expect.objectContaining({ field: 'query.groupBy' })]);
    const reversed = await get('city-a', `/v1/metrics/statuses?from=${D2}&to=${D1}`);
    expect(reversed).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'query.to' })] } });
    expect((await get('city-a', '/v1/metrics/statuses', ['agent'])).status).toBe(403);
    expect((await sut.request('GET', '/v1/metrics/rates?groupBy=unit')).status).toBe(401);
  });

  it('refuses a day that does not exist with a 400, not a database error', async () => {
    for (const path of ['/v1/metrics/statuses?from=2025-02-30', '/v1/metrics/rates?groupBy=day&to=2025-13-01', '/v1/event-tallies?from=2025-02-29']) {
      const res = await get('city-a', path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.errors).toEqual([expect.objectContaining({ field: expect.stringMatching(/^query\.(from|to)$/) })]);
    }
  });

  it('paginates rate rows and documents every formula', async () => {
    const page = await get('city-a', '/v1/metrics/rates?groupBy=category&limit=1&offset=1');
    // C03 was only closed at intake: no work order, no revisit, no row.
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [expect.objectContaining({ key: 'C02' })] });
    const doc = await sut.request('GET', '/docs/openapi.json');
    const description = doc.body.paths['/v1/metrics/rates'].get.description;
    for (const formula of [
      'responseRate (响应率) = signedOnTime / responseDenominator, responseDenominator = signed + unsignedPastDue',
      'onTimeAnswerRate (按时答复率) = answeredOnTime / onTimeAnswerDenominator, onTimeAnswerDenominator = answered + unansweredPastDue',
      'avgHandlingWorkingHours (平均办理时长) = sum of handling working hours / answered',
      'resolutionRate (解决率) = resolutionNumerator / revisits, resolutionNumerator = resolved + partlyResolvedWeight × partlyResolved',
      'satisfactionRate (满意率) = satisfactionNumerator / validEvaluations, satisfactionNumerator = satisfied + basicallySatisfiedWeight × basicallySatisfied',
      'redoRate (重办率) = redone / revisits',
      'revisitRate (回访率) = revisitedRequests / revisitDenominator',
      'onTimeCompletionRate (按时办结率) = requestsCompletedOnTime / completionDenominator',
    ])
      expect(description).toContain(formula);
    expect(doc.body.paths['/v1/metrics/stages'].get.deprecated).toBe(true);
  });

  describe('orders are judged only once decided (defects: 响应率 counted orders inside their windows; rework restarted the limit)', () => {
    const now = Date.now();
    const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString();
    const tenant = 'city-d';
    const receivedAt = iso(-11 * DAY);
    const request: commonV1.RequestBrief = {
      requestId: 'd1', number: '3201-d1', channel: 'phone', requestType: 'complaint', urgency: 'normal', categoryCode: 'D', areaCode: '320102',
      title: 't', content: 'c', receivedAt, requesterMaskedName: '', requesterMaskedPhone: '', confidential: false, anonymous: false,
      categoryPath: ['D'], taxonomyVersion: 1,
    };
    const created = (workOrderId: string, unitId: string, at: number, signDue: number, handleDue: number) =>
      publishEvent(sut, Events.handling.workOrderCreated, tenant, {
        workOrderId, request, unitId, unitName: unitId, role: 'primary', signDueAt: iso(signDue), handleDueAt: iso(handleDue),
        createdAt: iso(at), unitCode: unitId, dueProvisional: false,
      });
    const signed = (workOrderId: string, unitId: string, at: number) =>
      publishEvent(sut, Events.handling.workOrderSigned, tenant, { workOrderId, requestId: 'd1', unitId, signedAt: iso(at), onTime: true, signedBy: 'op' });
    const cancelled = (workOrderId: string, unitId: string, at: number) =>
      publishEvent(sut, Events.handling.workOrderCancelled, tenant, {
        workOrderId, requestId: 'd1', unitId, role: 'primary', reason: 'request-closed', previousStatus: 'awaiting-sign', cancelledAt: iso(at),
      });
    const answered = (workOrderId: string, unitId: string, at: number, a: { onTime: boolean; handleDue: number; reworkDue?: number; reworkOnTime?: boolean }) =>
      publishEvent(sut, Events.handling.workOrderAnswered, tenant, {
        workOrderId, requestId: 'd1', unitId, role: 'primary', answer: 'a', basis: 'b', contactRecord: 'c', answeredAt: iso(at), onTime: a.onTime,
        reworkCount: a.reworkDue === undefined ? 0 : 1, handlingWorkingHours: 8, answeredBy: 'op', signedOffBy: '', handleDueAt: iso(a.handleDue),
        reworkDueAt: a.reworkDue === undefined ? '' : iso(a.reworkDue), reworkOnTime: a.reworkOnTime ?? false,
      });
    const reopened = (workOrderId: string, unitId: string, at: number, handleDue: number, reworkDue: number) =>
      publishEvent(sut, Events.handling.workOrderReopened, tenant, {
        workOrderId, requestId: 'd1', unitId, reasons: ['no basis cited'], reworkCount: 1, handleDueAt: iso(handleDue), reopenedAt: iso(at), reworkDueAt: iso(reworkDue),
      });

    beforeAll(async () => {
      // u-fresh: one order a minute old, inside its sign-for window; one signed on time.
      await created('f1', 'u-fresh', -60_000, DAY, 10 * DAY);
      await created('f2', 'u-fresh', -2 * HOUR, DAY, 10 * DAY);
      await signed('f2', 'u-fresh', -HOUR);
      // u-late: one left unsigned and unanswered past both dues; one signed on time.
      await created('l1', 'u-late', -3 * DAY, -2 * DAY, -HOUR);
      await created('l2', 'u-late', -3 * DAY, -2 * DAY, 10 * DAY);
      await signed('l2', 'u-late', -2.5 * DAY);
      // u-cancel: cancelled inside its window; cancelled before its due; cancelled after its due passed; signed.
      await created('c1', 'u-cancel', -HOUR, DAY, 10 * DAY);
      await cancelled('c1', 'u-cancel', -30 * 60_000);
      await created('c2', 'u-cancel', -3 * DAY, -2 * DAY, 10 * DAY);
      await cancelled('c2', 'u-cancel', -2.5 * DAY);
      await created('c3', 'u-cancel', -3 * DAY, -2 * DAY, 10 * DAY);
      await cancelled('c3', 'u-cancel', -DAY);
      await created('c4', 'u-cancel', -3 * DAY, -2 * DAY, 10 * DAY);
      await signed('c4', 'u-cancel', -2.5 * DAY);
      // u-rework: answered on time, sent back, still reworking after the original due passed;
      // answered late, sent back, re-answered within the rework due (late against the original).
      await created('k1', 'u-rework', -10 * DAY, -9 * DAY, -5 * DAY);
      await signed('k1', 'u-rework', -9.5 * DAY);
      await answered('k1', 'u-rework', -6 * DAY, { onTime: true, handleDue: -5 * DAY });
      await reopened('k1', 'u-rework', -5.5 * DAY, -5 * DAY, -2 * DAY);
      await created('k2', 'u-rework', -10 * DAY, -9 * DAY, -5 * DAY);
      await signed('k2', 'u-rework', -9.5 * DAY);
      await answered('k2', 'u-rework', -4 * DAY, { onTime: false, handleDue: -5 * DAY });
      await reopened('k2', 'u-rework', -3 * DAY, -5 * DAY, 2 * DAY);
      await answered('k2', 'u-rework', -DAY, { onTime: false, handleDue: -5 * DAY, reworkDue: 2 * DAY, reworkOnTime: true });
      // u-recomputed: a provisional sign-for due already past, moved into the future once the
      // year's holidays were loaded.
      await created('r1', 'u-recomputed', -3 * DAY, -HOUR, 10 * DAY);
      await publishEvent(sut, Events.handling.workOrderDuesRecomputed, tenant, {
        workOrderId: 'r1', requestId: 'd1', unitId: 'u-recomputed', signDueAt: iso(DAY), handleDueAt: iso(12 * DAY), reworkDueAt: '',
        dueProvisional: false, year: 2027, recomputedAt: iso(-60_000),
      });
      await drained();
    });

    it('does not let a one-minute-old unsigned order lower the response rate', async () => {
      expect(await unitRow(tenant, 'u-fresh')).toMatchObject({
        workOrders: 2, signed: 1, signedOnTime: 1, unsignedPastDue: 0, responseDenominator: 1, responseRate: 1,
        // Neither answered, both inside their handling window: no on-time answer rate yet.
        onTimeAnswerDenominator: 0, onTimeAnswerRate: null,
      });
    });

    it('counts an order left unsigned past its sign-for due, and one never answered past its handling due, as misses', async () => {
      expect(await unitRow(tenant, 'u-late')).toMatchObject({
        workOrders: 2, signed: 1, unsignedPastDue: 1, responseDenominator: 2, responseRate: 0.5,
        answered: 0, unansweredPastDue: 1, onTimeAnswerDenominator: 1, onTimeAnswerRate: 0,
      });
    });

    it('leaves out a cancelled order unless its due passed before it was cancelled', async () => {
      expect(await unitRow(tenant, 'u-cancel')).toMatchObject({
        workOrders: 4, cancelled: 3, signed: 1, signedOnTime: 1, unsignedPastDue: 1, responseDenominator: 2, responseRate: 0.5,
        onTimeAnswerDenominator: 0, onTimeAnswerRate: null,
      });
    });

    it('judges an order against its dues as recomputed when the year’s holidays arrived', async () => {
      expect(await unitRow(tenant, 'u-recomputed')).toMatchObject({ workOrders: 1, unsignedPastDue: 0, responseDenominator: 0, responseRate: null });
    });

    it('keeps a unit sent back by review on its original due: rework does not restart the limit', async () => {
      expect(await unitRow(tenant, 'u-rework')).toMatchObject({
        workOrders: 2, answered: 1, answeredOnTime: 0, unansweredPastDue: 1, onTimeAnswerDenominator: 2, onTimeAnswerRate: 0,
        avgHandlingWorkingHours: 8,
      });
    });
  });
});
