import { status } from '@grpc/grpc-js';
import { analyticsV1 } from '@hotline/contracts';
import { callUnary, createGrpcClient } from '@hotline/platform';
import type { Role } from '@hotline/vocabulary';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { deleteNamespaceStreams, eventually, SHARED_NATS_URL, uniqueNamespace } from '@hotline/testing';
import { analyticsService } from '../../services/analytics/src/analytics.service';
import { intakeService } from '../../services/intake/src/intake.service';

// Two real services in one event namespace: intake's events reach analytics through JetStream.
describe('intake → analytics: a read model from every stream (real PostgreSQL and NATS)', () => {
  const namespace = uniqueNamespace();
  let intake: ServiceUnderTest;
  let analytics: ServiceUnderTest;
  const call = (sut: ServiceUnderTest, method: string, path: string, tenantId: string, roles: Role[], body?: unknown) =>
    sut.as(tenantId, roles)(method, path, body);

  beforeAll(async () => {
    intake = await startServiceUnderTest(intakeService, { namespace });
    analytics = await startServiceUnderTest(analyticsService, { namespace });
  });

  afterAll(async () => {
    await intake?.close();
    await analytics?.close();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
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

    const client = createGrpcClient(analyticsV1.AnalyticsServiceClient, analytics.service.grpcAddress);
    try {
      const tallies = async (tenantId: string, roles: Role[] = ['supervisor']) =>
        callUnary(client, client.getEventTallies, { fromDay: '', toDay: '' }, { token: await analytics.token(tenantId, roles) });
      expect((await tallies('city-a')).tallies).toEqual([expect.objectContaining({ eventType: type, count: '3' })]);
      expect((await tallies('city-z', ['tenant-admin'])).tallies).toEqual([]);
      // The roles of GET /v1/event-tallies, and the token's tenant only.
      await expect(tallies('city-a', ['agent'])).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
      const otherTenant = { token: await analytics.token('city-b', ['supervisor']), tenantId: 'city-a' };
      await expect(callUnary(client, client.getEventTallies, { fromDay: '', toDay: '' }, otherTenant)).rejects.toMatchObject({
        code: status.PERMISSION_DENIED,
      });
    } finally {
      client.close();
    }
    const inbox = await analytics.service.context.dataSource.query('select count(*)::int as n from inbox');
    expect(inbox[0].n).toBe(4);
  });

  it('rejects a malformed day filter with a 400 naming the parameter', async () => {
    const res = await call(analytics, 'GET', '/v1/event-tallies?from=yesterday', 'city-a', ['supervisor']);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'query.from' })]);
  });
});
