import { status } from '@grpc/grpc-js';
import { grpcHealth, intakeV1, streamOf } from '@hotline/contracts';
import { callUnary, createGrpcClient, RunningService, signLocalToken, startService } from '@hotline/platform';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { ADMIN_DATABASE_URL, eventually, serviceEnv, SHARED_NATS_URL } from '@hotline/testing';
import { intakeService } from '../src/intake.service';

describe('intake service (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let service: RunningService;
  const token = (...args: Parameters<ServiceUnderTest['token']>) => sut.token(...args);
  const request = (...args: Parameters<ServiceUnderTest['request']>) => sut.request(...args);

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    service = sut.service;
  });

  afterAll(() => sut?.close());

  it('is live and ready, and exposes Prometheus metrics', async () => {
    expect((await request('GET', '/healthz')).status).toBe(200);
    const ready = await request('GET', '/readyz');
    expect(ready).toMatchObject({ status: 200, body: { checks: { database: 'ok', nats: 'ok' } } });
    const metrics = await fetch(`${service.httpUrl}/metrics`).then((r) => r.text());
    expect(metrics).toContain('hl_outbox_published_total');
  });

  it('serves OpenAPI generated from the controllers and their validation schemas', async () => {
    const doc = await request('GET', '/docs/openapi.json');
    const create = doc.body.paths['/v1/channels'].post;
    expect(create.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['code', 'name', 'kind']),
      properties: { kind: { enum: ['phone', 'web', 'mobile-app', 'wechat', 'sms', 'email', 'linkage'] } },
    });
    expect(doc.body.paths['/v1/channels'].get.parameters).toEqual([expect.objectContaining({ name: 'enabled', in: 'query' })]);
    const ui = await fetch(`${service.httpUrl}/docs`);
    expect(ui.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${service.httpUrl}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('keeps tenants apart over HTTP: tenant A never sees tenant B', async () => {
    const adminA = await token('city-a', ['tenant-admin']);
    const adminB = await token('city-b', ['tenant-admin']);
    expect((await request('POST', '/v1/channels', adminA, { code: 'phone', name: 'A 12345', kind: 'phone' })).status).toBe(201);
    expect((await request('POST', '/v1/channels', adminB, { code: 'web', name: 'B portal', kind: 'web' })).status).toBe(201);
    expect((await request('POST', '/v1/channels', adminB, { code: 'secret-b', name: 'B only', kind: 'sms' })).status).toBe(201);

    const seenByA = await request('GET', '/v1/channels', adminA);
    expect(seenByA.body.items.map((c: { code: string }) => c.code)).toEqual(['phone']);
    const seenByB = await request('GET', '/v1/channels', adminB);
    expect(seenByB.body.items.map((c: { code: string }) => c.code)).toEqual(['secret-b', 'web']);
  });

  it('enforces RLS even for a query that forgets its tenant filter', async () => {
    const rows: Array<{ tenant_id: string }> = await service.context.db.run('city-a', (m) =>
      m.query('select tenant_id from channels'),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set(['city-a']));
    // Outside a tenant transaction no tenant is set, and nothing is visible.
    expect(await service.context.dataSource.query('select * from channels')).toEqual([]);
    // A write for another tenant inside tenant A's transaction is refused by the policy.
    await expect(
      service.context.db.run('city-a', (m) =>
        m.query(`insert into channels (id, tenant_id, code, name, kind) values (gen_random_uuid(), 'city-b', 'x', 'x', 'web')`),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('answers bad input with a 400 problem naming each field, and writes nothing', async () => {
    const admin = await token('city-c', ['tenant-admin']);
    const res = await request('POST', '/v1/channels', admin, { code: 'Bad Code!', kind: 'pigeon', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'kind']));
    expect((await request('GET', '/v1/channels', admin)).body.items).toEqual([]);
    const conflict = await request('POST', '/v1/channels', await token('city-a', ['tenant-admin']), { code: 'phone', name: 'dup', kind: 'phone' });
    expect(conflict).toMatchObject({ status: 409, body: { code: 'conflict' } });
  });

  it('checks authentication and roles', async () => {
    expect((await request('GET', '/v1/channels')).status).toBe(401);
    expect((await request('GET', '/v1/channels', 'not-a-jwt')).status).toBe(401);
    const forged = await signLocalToken('another-secret-that-is-long-enough-123456', { tenantId: 'city-a', roles: ['tenant-admin'] });
    expect((await request('GET', '/v1/channels', forged)).status).toBe(401);
    const agent = await token('city-a', ['agent']);
    expect((await request('GET', '/v1/channels', agent)).status).toBe(200);
    expect((await request('POST', '/v1/channels', agent, { code: 'sms', name: 'x', kind: 'sms' })).status).toBe(403);
  });

  it('serves the ListChannels gRPC query to the bearer token\'s tenant (roles of GET /v1/channels), and the standard health service to anyone', async () => {
    const client = createGrpcClient(intakeV1.IntakeServiceClient, service.grpcAddress);
    const health = createGrpcClient(grpcHealth.HealthClient, service.grpcAddress);
    const list = (credential: { token?: string; tenantId?: string }) => callUnary(client, client.listChannels, { enabledOnly: false }, credential);
    try {
      const forA = await list({ token: await token('city-a', ['agent']) });
      expect(forA.channels.map((c) => [c.code, c.kind])).toEqual([['phone', intakeV1.ChannelKind.CHANNEL_KIND_PHONE]]);
      await expect(list({ tenantId: 'city-a' })).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
      await expect(list({ token: await token('city-a', ['unit-operator']) })).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
      await expect(list({ token: await token('city-b', ['agent']), tenantId: 'city-a' })).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
      const checked = await callUnary(health, health.check, { service: '' }, {});
      expect(checked.status).toBe(grpcHealth.HealthCheckResponse_ServingStatus.SERVING);
    } finally {
      client.close();
      health.close();
    }
  });

  it('publishes ChannelConfigured events through the outbox to its own stream', async () => {
    const stream = streamOf(sut.namespace, 'intake').name;
    const info = await eventually('three events on the stream', async () => {
      const i = await service.context.bus.jsm.streams.info(stream);
      return i.state.messages >= 3 ? i : undefined;
    });
    expect(info.state.messages).toBe(3);
    const pending = await service.context.dataSource.query('select count(*)::int as n from outbox where published_at is null');
    expect(pending[0].n).toBe(0);
  });

  it('renames a channel and switches it off, keeping its code and kind; another tenant cannot touch it', async () => {
    const admin = await token('city-ch', ['tenant-admin']);
    const agent = await token('city-ch', ['agent']);
    expect((await request('POST', '/v1/channels', admin, { code: 'hotline', name: '12345', kind: 'phone' })).status).toBe(201);
    expect((await request('PATCH', '/v1/channels/hotline', admin, {})).status).toBe(400);
    // The kind never changes: an unknown key of the body.
    expect((await request('PATCH', '/v1/channels/hotline', admin, { kind: 'web' })).body.errors).toContainEqual(expect.objectContaining({ message: expect.stringContaining("'kind'") }));
    expect((await request('PATCH', '/v1/channels/hotline', agent, { enabled: false })).status).toBe(403);
    expect((await request('PATCH', '/v1/channels/hotline', await token('city-other', ['tenant-admin']), { enabled: false })).status).toBe(404);
    const off = await request('PATCH', '/v1/channels/hotline', admin, { name: '12345 热线', enabled: false });
    expect(off).toMatchObject({ status: 200, body: { code: 'hotline', kind: 'phone', name: '12345 热线', enabled: false } });
    expect((await request('GET', '/v1/channels?enabled=true', admin)).body.items).toEqual([]);
  });

  it('keeps its deployed durable consumers: the timeline one per producer, named as before, reading the whole stream', async () => {
    // Added since 0.1.0: the requester's notifications read handling's extension decisions only (ADR 0029).
    // And the retention consumer reads revisit's RequestAnonymised only (issue 13).
    const added: Record<string, string[]> = { handling: ['intake--hl-handling-v1--notifications'], revisit: ['intake--hl-revisit-v1--retention'] };
    for (const producer of ['dispatch', 'handling', 'revisit'] as const) {
      const consumers = await service.context.bus.jsm.consumers.list(streamOf(sut.namespace, producer).name).next();
      const intakes = consumers.filter((c) => c.name.startsWith('intake--'));
      expect(intakes.map((c) => c.name).sort()).toEqual([...(added[producer] ?? []), `intake--hl-${producer}-v1--timeline`].sort());
      expect(intakes.find((c) => c.name.endsWith('--timeline'))?.config.filter_subject ?? '').toBe('');
      for (const other of intakes.filter((c) => !c.name.endsWith('--timeline'))) expect(other.config.filter_subject).toMatch(/extension-decided$|request\.anonymised$/);
    }
  });

  it('limits the public request rate per client with a 429 problem, never limiting health checks or staff', async () => {
    // Its own database: the counts are shared by every instance on one database (http/rate-limits.ts).
    const limited = await startServiceUnderTest(intakeService, { env: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const lookup = `${limited.service.httpUrl}/v1/public/city-a/requests/3201-20250101-000001?code=000000`;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(lookup)).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      // Authenticated staff count per tenant, not per address: a call centre shares one address.
      const bearer = await limited.token('city-a', ['agent']);
      expect((await fetch(`${limited.service.httpUrl}/v1/channels`, { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(200);
      const refused = await fetch(lookup);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await refused.json()).toMatchObject({ status: 429, code: 'rate_limited' });
      for (let i = 0; i < 5; i++) expect((await fetch(`${limited.service.httpUrl}/readyz`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('refuses to start as a role that bypasses row-level security', async () => {
    const superuserUrl = new URL(sut.db.url);
    superuserUrl.username = new URL(ADMIN_DATABASE_URL).username;
    await expect(
      startService(intakeService, serviceEnv({ databaseUrl: superuserUrl.toString(), natsUrl: SHARED_NATS_URL, namespace: sut.namespace })),
    ).rejects.toThrow(/bypasses row-level security/);
  });
});
