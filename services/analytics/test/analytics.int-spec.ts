import { consumersOf, ProducerName, PRODUCERS, streamOf } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { analyticsService } from '../src/analytics.service';
import { eventsOf, expectedRates, PlannedEvent, RequestPlan } from './lifecycle-scenario';

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
    // Answered on time, sent back by review, answered again late: the latest answer counts.
    orders: [{ workOrderId: 'w3', ...roads, role: 'primary', signedOnTime: true, answers: [{ onTime: true, hours: 6, passes: false }, { onTime: false, hours: 30, passes: true }] }],
    revisit: { resolved: false, satisfaction: 'dissatisfied' }, closed: true,
  },
  {
    // 01:30 on 03-04 in Shanghai.
    requestId: 'r3', category: 'C01', receivedAt: `${D1}T17:30:00Z`, day: D2, queued: true,
    orders: [{ workOrderId: 'w4', ...water, role: 'primary', signedOnTime: true, answers: [ok(4)] }],
    revisit: { resolved: false, satisfaction: 'basically-satisfied' },
  },
  { requestId: 'r4', category: 'C02', receivedAt: `${D2}T02:00:00Z`, day: D2, closedAtIntake: 'direct-answer', orders: [] },
  { requestId: 'r5', category: 'C01', receivedAt: `${D2}T04:00:00Z`, day: D2, orders: [] },
  { requestId: 'r6', category: 'C03', receivedAt: `${D1}T05:00:00Z`, day: D1, closedAtIntake: 'legal-route', orders: [] },
];
const stagesOfA = { registered: 1, revisited: 1, closed: 1, 'closed-at-intake': 1, 'not-accepted': 1, archived: 1 };

const cityB: RequestPlan[] = [
  {
    requestId: 'b1', category: 'B9', receivedAt: `${D1}T06:00:00Z`, day: D1,
    orders: [{ workOrderId: 'bw1', unitId: 'u-b-housing', unitName: 'B 住建局', role: 'primary', answers: [] }],
  },
];

describe('analytics lifecycle read model (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const published: Array<{ tenant: string; event: PlannedEvent; id: string }> = [];
  const get = (tenant: string, path: string, roles: Parameters<ServiceUnderTest['as']>[1] = ['supervisor']) => sut.as(tenant, roles)('GET', path);

  async function publish(tenant: string, requests: RequestPlan[], order: readonly ProducerName[] = PRODUCERS): Promise<void> {
    for (const producer of order)
      for (const r of requests)
        for (const event of eventsOf(r)[producer]) published.push({ tenant, event, id: await publishEvent(sut, event.def, tenant, event.payload) });
  }

  /** Waits until every analytics consumer has applied and acked everything in its stream. */
  async function drained(): Promise<void> {
    const jsm = sut.service.context.bus.jsm;
    await eventually('analytics consumers drained', async () => {
      for (const spec of consumersOf(sut.namespace, 'analytics')) {
        const info = await jsm.consumers.info(streamOf(sut.namespace, spec.producer).name, spec.durable);
        if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
      }
      return true;
    });
  }

  const stageCounts = async (tenant: string, query = '') => {
    const res = await get(tenant, `/v1/metrics/stages${query}`);
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.items.filter((i: { count: number }) => i.count > 0).map((i: { stage: string; count: number }) => [i.stage, i.count]));
  };
  const rates = async (tenant: string, query: string) => {
    const res = await get(tenant, `/v1/metrics/rates?${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  beforeAll(async () => {
    // A short dedup window lets a test redeliver a message id through JetStream to the inbox.
    sut = await startServiceUnderTest(analyticsService, { env: { STREAM_DUPLICATE_WINDOW_MS: '300' } });
    await publish('city-a', cityA);
    await publish('city-b', cityB);
    await drained();
  });

  afterAll(() => sut?.close());

  it('counts requests by current stage, on their local receipt day', async () => {
    expect(await stageCounts('city-a')).toEqual(stagesOfA);
    expect(await stageCounts('city-a', `?from=${D2}&to=${D2}`)).toEqual({ registered: 1, revisited: 1, 'closed-at-intake': 1 });
    expect(await stageCounts('city-a', `?from=${D1}&to=${D1}`)).toEqual({ closed: 1, 'not-accepted': 1, archived: 1 });
    const all = await get('city-a', '/v1/metrics/stages', ['tenant-admin']);
    expect(all.body).toMatchObject({ from: null, to: null, total: 6 });
    expect(all.body.items.map((i: { stage: string }) => i.stage)).toContain('awaiting-dispatch');
  });

  it.each(['unit', 'category', 'day'] as const)('computes every rate by %s as the formulas say', async (groupBy) => {
    expect(await rates('city-a', `groupBy=${groupBy}`)).toEqual(expectedRates(cityA, groupBy));
  });

  it('spells out the rates of the scenario (latest answer counts, revisits go to the primary unit)', async () => {
    const byUnit = await rates('city-a', 'groupBy=unit');
    expect(byUnit).toEqual([
      expect.objectContaining({ key: 'u-roads', label: '市交通运输局', workOrders: 2, signedOnTime: 1, responseRate: 0.5, answered: 2, answeredOnTime: 1,
        onTimeAnswerRate: 0.5, avgHandlingWorkingHours: 16.5, revisits: 1, resolved: 0, resolutionRate: 0, satisfactionRate: 0 }),
      expect.objectContaining({ key: 'u-water', label: '市水务局', workOrders: 2, responseRate: 1, avgHandlingWorkingHours: 4.5, revisits: 2,
        resolutionRate: 0.5, satisfiedOrBasicallySatisfied: 2, satisfactionRate: 1 }),
    ]);
  });

  it('filters rates by receipt day', async () => {
    expect(await rates('city-a', `groupBy=day&from=${D2}&to=${D2}`)).toEqual(expectedRates(cityA, 'day').filter((r) => r.key === D2));
    expect(await rates('city-a', `groupBy=category&from=${D2}`)).toEqual(expectedRates(cityA.filter((r) => r.day === D2), 'category'));
    expect(await rates('city-a', 'groupBy=unit&from=2024-01-01&to=2024-01-31')).toEqual([]);
  });

  it('shows each tenant only its own figures', async () => {
    expect(await stageCounts('city-b')).toEqual({ dispatched: 1 });
    const forB = await rates('city-b', 'groupBy=unit');
    expect(forB).toEqual(expectedRates(cityB, 'unit'));
    expect(forB[0]).toMatchObject({ workOrders: 1, responseRate: 0, onTimeAnswerRate: null, avgHandlingWorkingHours: null, satisfactionRate: null });
    expect(await stageCounts('city-z')).toEqual({});
    expect(await rates('city-z', 'groupBy=category')).toEqual([]);
  });

  it('gives the same figures when streams deliver out of order (revisit before handling, dispatch and intake)', async () => {
    await publish('city-c', cityA, ['revisit']);
    await drained();
    // Revisits known before their requests: stage moved, category and day not known yet.
    expect(await stageCounts('city-c')).toEqual({ revisited: 1, closed: 1, archived: 1 });
    await publish('city-c', cityA, ['handling', 'dispatch', 'intake']);
    await drained();
    expect(await stageCounts('city-c')).toEqual(stagesOfA);
    for (const groupBy of ['unit', 'category', 'day'])
      expect(await rates('city-c', `groupBy=${groupBy}`)).toEqual(await rates('city-a', `groupBy=${groupBy}`));
  });

  it('changes nothing when a message is delivered again with the same id', async () => {
    const before = { stages: await stageCounts('city-a'), rates: await rates('city-a', 'groupBy=unit'), tallies: (await get('city-a', '/v1/event-tallies')).body };
    const stream = streamOf(sut.namespace, 'revisit').name;
    const stored = (await sut.service.context.bus.jsm.streams.info(stream)).state.messages;
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the dedup window: JetStream stores it again
    const again = published.filter((p) => p.tenant === 'city-a' && p.event.def.producer !== 'intake');
    for (const p of again) await publishEvent(sut, p.event.def, p.tenant, p.event.payload, p.id);
    await drained();
    expect((await sut.service.context.bus.jsm.streams.info(stream)).state.messages).toBeGreaterThan(stored);
    expect(await stageCounts('city-a')).toEqual(before.stages);
    expect(await rates('city-a', 'groupBy=unit')).toEqual(before.rates);
    expect((await get('city-a', '/v1/event-tallies')).body).toEqual(before.tallies);
  });

  it('keeps the event tallies', async () => {
    const items = (await get('city-a', '/v1/event-tallies')).body.items;
    const accepted = items.filter((t: { eventType: string }) => t.eventType === 'hotline.intake.v1.RequestAccepted');
    expect(accepted.reduce((n: number, t: { count: number }) => n + t.count, 0)).toBe(4);
  });

  it('answers a bad query with a 400 naming each field, and checks roles', async () => {
    const bad = await get('city-a', '/v1/metrics/rates?groupBy=week&from=03-03&limit=500');
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.from', 'query.groupBy', 'query.limit']);
    expect((await get('city-a', '/v1/metrics/rates')).body.errors).toEqual([expect.objectContaining({ field: 'query.groupBy' })]);
    const reversed = await get('city-a', `/v1/metrics/stages?from=${D2}&to=${D1}`);
    expect(reversed).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'query.to' })] } });
    expect((await get('city-a', '/v1/metrics/stages', ['agent'])).status).toBe(403);
    expect((await sut.request('GET', '/v1/metrics/rates?groupBy=unit')).status).toBe(401);
  });

  it('paginates rate rows and documents the formulas', async () => {
    const page = await get('city-a', '/v1/metrics/rates?groupBy=category&limit=1&offset=1');
    // C03 was only closed at intake: no work order, no revisit, no row.
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [expect.objectContaining({ key: 'C02' })] });
    const doc = await sut.request('GET', '/docs/openapi.json');
    expect(doc.body.paths['/v1/metrics/rates'].get.description).toContain('responseRate (响应率) = signedOnTime / workOrders');
  });
});
