import { status } from '@grpc/grpc-js';
import { Events, eventSubject, revisitV1, streamOf } from '@hotline/contracts';
import { callUnary, createGrpcClient, RunningService } from '@hotline/platform';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { revisitService } from '../src/revisit.service';

describe('revisit service (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let service: RunningService;
  let namespace: string;
  const token = (...args: Parameters<ServiceUnderTest['token']>) => sut.token(...args);
  const request = (...args: Parameters<ServiceUnderTest['request']>) => sut.request(...args);
  const put = (bearer: string, requestType: string, body: unknown) =>
    request('PUT', `/v1/sampling-policies/${encodeURIComponent(requestType)}`, bearer, body);
  const summary = (body: { items: Array<{ requestType: string; samplePercent: number; windowHours: number }> }) =>
    body.items.map((p) => [p.requestType, p.samplePercent, p.windowHours]);

  beforeAll(async () => {
    sut = await startServiceUnderTest(revisitService);
    ({ service, namespace } = sut);
  });

  afterAll(() => sut?.close());

  it('is live and ready', async () => {
    expect((await request('GET', '/healthz')).status).toBe(200);
    expect(await request('GET', '/readyz')).toMatchObject({ status: 200, body: { checks: { database: 'ok', nats: 'ok' } } });
  });

  it('upserts policies and keeps tenants apart', async () => {
    const adminA = await token('city-a', ['tenant-admin']);
    const adminB = await token('city-b', ['tenant-admin']);
    const complaints = await put(adminA, 'complaint', { samplePercent: 100, windowHours: 48 });
    expect(complaints).toMatchObject({ status: 200, body: { requestType: 'complaint', samplePercent: 100, windowHours: 48 } });
    expect((await put(adminA, '*', { samplePercent: 30, windowHours: 72 })).status).toBe(200);
    expect((await put(adminB, 'consultation', { samplePercent: 10, windowHours: 24 })).status).toBe(200);
    const updated = await put(adminA, 'complaint', { samplePercent: 50, windowHours: 48 });
    expect(updated.body.samplePercent).toBe(50);
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(complaints.body.updatedAt));

    expect(summary((await request('GET', '/v1/sampling-policies', adminA)).body)).toEqual([['*', 30, 72], ['complaint', 50, 48]]);
    expect(summary((await request('GET', '/v1/sampling-policies', adminB)).body)).toEqual([['consultation', 10, 24]]);
    expect(await service.context.dataSource.query('select * from sampling_policies')).toEqual([]);
  });

  it('answers bad input with a 400 problem naming each field, and writes nothing', async () => {
    const admin = await token('city-c', ['tenant-admin']);
    const res = await put(admin, 'petition', { samplePercent: 101, windowHours: 0 });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['requestType', 'samplePercent', 'windowHours']);
    const missing = await put(admin, 'suggestion', { samplePercent: 12.5, extra: true });
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['samplePercent', 'windowHours', '(body)']),
    );
    expect((await put(admin, '其它', { samplePercent: 5, windowHours: 24 })).body.errors).toEqual([
      expect.objectContaining({ field: 'requestType' }),
    ]);
    expect((await request('GET', '/v1/sampling-policies', admin)).body.items).toEqual([]);
    const events = await service.context.dataSource.query(`select count(*)::int as n from outbox where tenant_id = 'city-c'`);
    expect(events[0].n).toBe(0);
  });

  it('keys policies by request-type code: a Chinese label answers a 400 that lists the codes', async () => {
    const admin = await token('city-l', ['tenant-admin']);
    const label = await put(admin, '投诉', { samplePercent: 100, windowHours: 48 });
    expect(label).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [expect.objectContaining({ field: 'requestType' })] } });
    const [error] = label.body.errors;
    expect(error.message).toContain('"投诉" is the label of complaint');
    for (const code of ['*', 'consultation', 'help', 'complaint', 'report', 'suggestion', 'praise', 'other']) expect(error.message).toContain(code);
    expect((await put(admin, 'complaint', { samplePercent: 100, windowHours: 48 })).status).toBe(200);
    expect((await request('GET', '/v1/sampling-policies', admin)).body.items.map((p: { requestType: string }) => p.requestType)).toEqual(['complaint']);
  });

  it('checks authentication and roles', async () => {
    expect((await request('GET', '/v1/sampling-policies')).status).toBe(401);
    expect((await request('GET', '/v1/sampling-policies', 'not-a-jwt')).status).toBe(401);
    for (const role of ['tenant-admin', 'supervisor', 'reviewer'] as const)
      expect((await request('GET', '/v1/sampling-policies', await token('city-b', [role]))).status).toBe(200);
    expect((await request('GET', '/v1/sampling-policies', await token('city-b', ['agent']))).status).toBe(403);
    expect((await put(await token('city-b', ['reviewer']), 'other', { samplePercent: 5, windowHours: 24 })).status).toBe(403);
    expect((await put(await token('city-b', ['supervisor']), 'other', { samplePercent: 5, windowHours: 24 })).status).toBe(200);
  });

  it('serves the GetSamplingPolicies gRPC query to the bearer token\'s tenant, with the roles of GET /v1/sampling-policies', async () => {
    const client = createGrpcClient(revisitV1.RevisitServiceClient, service.grpcAddress);
    const policies = (credential: { token?: string; tenantId?: string }) => callUnary(client, client.getSamplingPolicies, {}, credential);
    const as = async (tenantId: string, role: 'reviewer' | 'supervisor' | 'agent' = 'reviewer') => ({ token: await token(tenantId, [role]) });
    try {
      const forA = await policies(await as('city-a'));
      expect(forA.policies.map((p) => [p.requestType, p.samplePercent, p.windowHours])).toEqual([['*', 30, 72], ['complaint', 50, 48]]);
      const forB = await policies(await as('city-b', 'supervisor'));
      expect(forB.policies.map((p) => p.requestType)).toEqual(['consultation', 'other']);
      expect((await policies(await as('city-z'))).policies).toEqual([]);
      await expect(policies({ tenantId: 'city-a' })).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
      await expect(policies(await as('city-a', 'agent'))).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
      await expect(policies({ ...(await as('city-b')), tenantId: 'city-a' })).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
    } finally {
      client.close();
    }
  });

  it('publishes SamplingPolicyChanged events through the outbox to its own stream', async () => {
    const stream = streamOf(namespace, 'revisit').name;
    const info = await eventually('six events on the stream', async () => {
      const i = await service.context.bus.jsm.streams.info(stream);
      return i.state.messages >= 6 ? i : undefined;
    });
    expect(info.state.messages).toBe(6);
    const last = await service.context.bus.jsm.streams.getMessage(stream, {
      last_by_subj: eventSubject(namespace, Events.revisit.samplingPolicyChanged, 'city-a'),
    });
    if (!last) throw new Error('no SamplingPolicyChanged event for city-a');
    expect(Events.revisit.samplingPolicyChanged.codec.decode(last.data).policy).toMatchObject({
      requestType: 'complaint', samplePercent: 50, windowHours: 48,
    });
  });
});
