import { analyticsV1 } from '@hotline/contracts';
import { callUnary, createGrpcClient, migrate, RunningService, signLocalToken, startService } from '@hotline/platform';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  eventually,
  serviceEnv,
  SHARED_NATS_URL,
  TEST_AUTH_SECRET,
  TestDatabase,
  uniqueNamespace,
} from '@hotline/testing';
import { intakeService } from '../../services/intake/src/intake.service';
import { analyticsService } from '../../services/analytics/src/analytics.service';

// Starts intake beside analytics to watch events cross services through JetStream. (Tests may
// compose services; production code may not import another service.)
describe('analytics service: read model from every stream (real PostgreSQL and NATS)', () => {
  const dbs: TestDatabase[] = [];
  const services: RunningService[] = [];
  let namespace: string;
  let intake: RunningService;
  let analytics: RunningService;

  const call = async (svc: RunningService, method: string, path: string, tenantId: string, roles: string[], body?: unknown) => {
    const token = await signLocalToken(TEST_AUTH_SECRET, { tenantId, roles: roles as never });
    const res = await fetch(`${svc.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    namespace = uniqueNamespace();
    for (const def of [intakeService, analyticsService]) {
      const db = await createTestDatabase(def.name);
      dbs.push(db);
      await migrate({ url: db.url, entities: def.entities, migrations: def.migrations });
      services.push(await startService(def, serviceEnv({ databaseUrl: db.url, natsUrl: SHARED_NATS_URL, namespace })));
    }
    [intake, analytics] = services as [RunningService, RunningService];
  });

  afterAll(async () => {
    for (const s of services) await s.close();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
    for (const db of dbs) await db.drop();
  });

  it('counts each tenant’s events once, and shows each tenant only its own', async () => {
    for (const code of ['phone', 'web', 'sms'])
      expect((await call(intake, 'POST', '/v1/channels', 'city-a', ['tenant-admin'], { code, name: code, kind: code })).status).toBe(201);
    expect((await call(intake, 'POST', '/v1/channels', 'city-b', ['tenant-admin'], { code: 'web', name: 'w', kind: 'web' })).status).toBe(201);

    const type = 'hotline.intake.v1.ChannelConfigured';
    const forA = await eventually('tenant A tallies', async () => {
      const res = await call(analytics, 'GET', '/v1/event-tallies', 'city-a', ['supervisor']);
      return res.body.items.length && res.body.items[0].count === 3 ? res.body.items : undefined;
    });
    expect(forA).toEqual([{ eventType: type, day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), count: 3 }]);
    const forB = await eventually('tenant B tallies', async () => {
      const res = await call(analytics, 'GET', '/v1/event-tallies', 'city-b', ['tenant-admin']);
      return res.body.items.length ? res.body.items : undefined;
    });
    expect(forB).toEqual([expect.objectContaining({ eventType: type, count: 1 })]);

    const client = createGrpcClient(analyticsV1.AnalyticsServiceClient, analytics.grpcAddress);
    try {
      const res = await callUnary(client, client.getEventTallies, { fromDay: '', toDay: '' }, { tenantId: 'city-a' });
      expect(res.tallies).toEqual([expect.objectContaining({ eventType: type, count: '3' })]);
      const none = await callUnary(client, client.getEventTallies, { fromDay: '', toDay: '' }, { tenantId: 'city-z' });
      expect(none.tallies).toEqual([]);
    } finally {
      client.close();
    }
    const inbox = await analytics.context.dataSource.query('select count(*)::int as n from inbox');
    expect(inbox[0].n).toBe(4);
  });

  it('rejects a malformed day filter with a 400 naming the parameter', async () => {
    const res = await call(analytics, 'GET', '/v1/event-tallies?from=yesterday', 'city-a', ['supervisor']);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'query.from' })]);
  });
});
