import { status } from '@grpc/grpc-js';
import { dispatchV1, Events, eventSubject, streamOf } from '@hotline/contracts';
import { callUnary, createGrpcClient, RunningService } from '@hotline/platform';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { dispatchService } from '../src/dispatch.service';

describe('dispatch service (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let service: RunningService;
  let namespace: string;
  const units: Record<string, string> = {};
  const token = (...args: Parameters<ServiceUnderTest['token']>) => sut.token(...args);
  const request = (...args: Parameters<ServiceUnderTest['request']>) => sut.request(...args);
  const codes = (body: { items: Array<{ code: string }> }) => body.items.map((u) => u.code);

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    ({ service, namespace } = sut);
  });

  afterAll(() => sut?.close());

  it('is live and ready', async () => {
    expect((await request('GET', '/healthz')).status).toBe(200);
    expect(await request('GET', '/readyz')).toMatchObject({ status: 200, body: { checks: { database: 'ok', nats: 'ok' } } });
  });

  it('registers a unit tree and lists it by area', async () => {
    const adminA = await token('city-a', ['tenant-admin']);
    const root = await request('POST', '/v1/units', adminA, { code: 'CITY', name: '市政务服务中心', areaCodes: ['440300'] });
    expect(root).toMatchObject({ status: 201, body: { code: 'CITY', parentId: null, areaCodes: ['440300'] } });
    units['CITY'] = root.body.id;
    const futian = await request('POST', '/v1/units', adminA, {
      code: 'FUTIAN', name: '福田区', parentId: root.body.id, areaCodes: ['440304', '440304', '440304-01'],
    });
    expect(futian).toMatchObject({ status: 201, body: { parentId: root.body.id, areaCodes: ['440304', '440304-01'] } });
    expect((await request('POST', '/v1/units', adminA, { code: 'NANSHAN', name: '南山区', parentId: root.body.id, areaCodes: ['440305'] })).status).toBe(201);

    const all = await request('GET', '/v1/units', adminA);
    expect(codes(all.body)).toEqual(['CITY', 'FUTIAN', 'NANSHAN']);
    const covering = await request('GET', '/v1/units?area=440304', await token('city-a', ['dispatcher']));
    expect(codes(covering.body)).toEqual(['FUTIAN']);
    expect(codes((await request('GET', '/v1/units?area=999999', adminA)).body)).toEqual([]);
  });

  it('keeps tenants apart: no reads, and no parent, across tenants', async () => {
    const adminA = await token('city-a', ['tenant-admin']);
    const adminB = await token('city-b', ['tenant-admin']);
    const rootB = await request('POST', '/v1/units', adminB, { code: 'B-ROOT', name: 'B 中心', areaCodes: ['440304'] });
    expect(rootB.status).toBe(201);
    units['B-ROOT'] = rootB.body.id;

    expect(codes((await request('GET', '/v1/units?area=440304', adminA)).body)).toEqual(['FUTIAN']);
    expect(codes((await request('GET', '/v1/units', adminB)).body)).toEqual(['B-ROOT']);

    // Tenant A cannot hang a unit under B's root: RLS hides it, so it reads as a bad parentId.
    const foreignParent = await request('POST', '/v1/units', adminA, { code: 'SNEAKY', name: 'x', parentId: rootB.body.id, areaCodes: ['1'] });
    expect(foreignParent).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ field: 'parentId' }] } });
    // Nor can a query that skips the check: the composite foreign key refuses it.
    await expect(
      service.context.db.run('city-a', (m) =>
        m.query(`insert into handling_units (id, tenant_id, code, name, parent_id, area_codes)
                 values (gen_random_uuid(), 'city-a', 'SNEAKY', 'x', $1, '{1}')`, [rootB.body.id]),
      ),
    ).rejects.toThrow(/foreign key/);
    expect(codes((await request('GET', '/v1/units', adminA)).body)).toEqual(['CITY', 'FUTIAN', 'NANSHAN']);
    expect(await service.context.dataSource.query('select * from handling_units')).toEqual([]);
  });

  it('answers bad input with a 400 problem naming each field, and writes nothing', async () => {
    const admin = await token('city-c', ['tenant-admin']);
    const res = await request('POST', '/v1/units', admin, { code: 'Bad Code!', parentId: 'not-a-uuid', areaCodes: [], extra: 1 });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'parentId', 'areaCodes']));

    const badAreas = await request('POST', '/v1/units', admin, { code: 'OK', name: 'ok', areaCodes: ['440300', 'no spaces'] });
    expect(badAreas.body.errors.map((e: { field: string }) => e.field)).toEqual(['areaCodes.1']);
    const tooMany = await request('POST', '/v1/units', admin, {
      code: 'OK', name: 'ok', areaCodes: Array.from({ length: 51 }, (_, i) => `A${i}`),
    });
    expect(tooMany.body.errors.map((e: { field: string }) => e.field)).toEqual(['areaCodes']);
    expect((await request('GET', '/v1/units?area=a%20b', admin)).body.errors).toEqual([expect.objectContaining({ field: 'query.area' })]);
    expect((await request('GET', '/v1/units', admin)).body.items).toEqual([]);

    const conflict = await request('POST', '/v1/units', await token('city-a', ['tenant-admin']), { code: 'CITY', name: 'dup', areaCodes: ['1'] });
    expect(conflict).toMatchObject({ status: 409, body: { code: 'conflict' } });
  });

  it('checks authentication and roles', async () => {
    expect((await request('GET', '/v1/units')).status).toBe(401);
    expect((await request('GET', '/v1/units', 'not-a-jwt')).status).toBe(401);
    for (const role of ['agent', 'dispatcher', 'supervisor', 'tenant-admin'] as const)
      expect((await request('GET', '/v1/units', await token('city-a', [role]))).status).toBe(200);
    expect((await request('GET', '/v1/units', await token('city-a', ['reviewer']))).status).toBe(403);
    const dispatcher = await token('city-a', ['dispatcher']);
    expect((await request('POST', '/v1/units', dispatcher, { code: 'X', name: 'x', areaCodes: ['1'] })).status).toBe(403);
  });

  it('serves the tenant-scoped ListUnits gRPC query', async () => {
    const client = createGrpcClient(dispatchV1.DispatchServiceClient, service.grpcAddress);
    try {
      const all = await callUnary(client, client.listUnits, { areaCode: '' }, { tenantId: 'city-a' });
      expect(all.units.map((u) => [u.code, u.parentId])).toEqual([
        ['CITY', ''],
        ['FUTIAN', units['CITY']],
        ['NANSHAN', units['CITY']],
      ]);
      const covering = await callUnary(client, client.listUnits, { areaCode: '440304' }, { tenantId: 'city-b' });
      expect(covering.units.map((u) => u.code)).toEqual(['B-ROOT']);
      await expect(callUnary(client, client.listUnits, { areaCode: 'a b' }, { tenantId: 'city-a' })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
      });
      await expect(callUnary(client, client.listUnits, { areaCode: '' }, { tenantId: '' })).rejects.toMatchObject({
        code: status.UNAUTHENTICATED,
      });
    } finally {
      client.close();
    }
  });

  it('publishes UnitRegistered events through the outbox to its own stream', async () => {
    const stream = streamOf(namespace, 'dispatch').name;
    const info = await eventually('four events on the stream', async () => {
      const i = await service.context.bus.jsm.streams.info(stream);
      return i.state.messages >= 4 ? i : undefined;
    });
    expect(info.state.messages).toBe(4);
    const last = await service.context.bus.jsm.streams.getMessage(stream, {
      last_by_subj: eventSubject(namespace, Events.dispatch.unitRegistered, 'city-b'),
    });
    if (!last) throw new Error('no UnitRegistered event for city-b');
    expect(Events.dispatch.unitRegistered.codec.decode(last.data).unit).toMatchObject({
      id: units['B-ROOT'], code: 'B-ROOT', parentId: '', areaCodes: ['440304'],
    });
  });
});
