import { status } from '@grpc/grpc-js';
import { dispatchV1, eventFilter, Events, eventSubject, streamOf } from '@hotline/contracts';
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

  it('registers a unit tree and lists the units whose jurisdiction covers an area, up the division hierarchy', async () => {
    const adminA = await token('city-a', ['tenant-admin']);
    const root = await request('POST', '/v1/units', adminA, { code: 'CITY', name: '市政务服务中心', areaCodes: ['440300'] });
    expect(root).toMatchObject({ status: 201, body: { code: 'CITY', parentId: null, areaCodes: ['440300'] } });
    units['CITY'] = root.body.id;
    const futian = await request('POST', '/v1/units', adminA, {
      code: 'FUTIAN', name: '福田区', parentId: root.body.id, areaCodes: ['440304', '440304', '440304001', '440304000'],
    });
    // Each area once: 440304000 is the padded spelling of the district 440304.
    expect(futian).toMatchObject({ status: 201, body: { parentId: root.body.id, areaCodes: ['440304', '440304001'] } });
    expect((await request('POST', '/v1/units', adminA, { code: 'NANSHAN', name: '南山区', parentId: root.body.id, areaCodes: ['440305'] })).status).toBe(201);

    const all = await request('GET', '/v1/units', adminA);
    expect(codes(all.body)).toEqual(['CITY', 'FUTIAN', 'NANSHAN']);
    // The city unit (440300 = 4403) covers every district, street and community of the city.
    const covering = await request('GET', '/v1/units?area=440304', await token('city-a', ['dispatcher']));
    expect(codes(covering.body)).toEqual(['CITY', 'FUTIAN']);
    expect(codes((await request('GET', '/v1/units?area=440304001', adminA)).body)).toEqual(['CITY', 'FUTIAN']);
    expect(codes((await request('GET', '/v1/units?area=440304002003', adminA)).body)).toEqual(['CITY', 'FUTIAN']);
    expect(codes((await request('GET', '/v1/units?area=440305', adminA)).body)).toEqual(['CITY', 'NANSHAN']);
    expect(codes((await request('GET', '/v1/units?area=440300', adminA)).body)).toEqual(['CITY']);
    expect(codes((await request('GET', '/v1/units?area=44', adminA)).body)).toEqual([]);
    expect(codes((await request('GET', '/v1/units?area=999999', adminA)).body)).toEqual([]);
  });

  it('keeps tenants apart: no reads, and no parent, across tenants', async () => {
    const adminA = await token('city-a', ['tenant-admin']);
    const adminB = await token('city-b', ['tenant-admin']);
    const rootB = await request('POST', '/v1/units', adminB, { code: 'B-ROOT', name: 'B 中心', areaCodes: ['440304'] });
    expect(rootB.status).toBe(201);
    units['B-ROOT'] = rootB.body.id;

    expect(codes((await request('GET', '/v1/units?area=440304', adminA)).body)).toEqual(['CITY', 'FUTIAN']);
    expect(codes((await request('GET', '/v1/units', adminB)).body)).toEqual(['B-ROOT']);

    // Tenant A cannot hang a unit under B's root: RLS hides it, so it reads as a bad parentId.
    const foreignParent = await request('POST', '/v1/units', adminA, { code: 'SNEAKY', name: 'x', parentId: rootB.body.id, areaCodes: ['11'] });
    expect(foreignParent).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ field: 'parentId' }] } });
    // Nor can a query that skips the check: the composite foreign key refuses it.
    await expect(
      service.context.db.run('city-a', (m) =>
        m.query(`insert into handling_units (id, tenant_id, code, name, parent_id, area_codes)
                 values (gen_random_uuid(), 'city-a', 'SNEAKY', 'x', $1, '{11}')`, [rootB.body.id]),
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
    // Area codes are administrative division codes of 2, 4, 6, 9 or 12 digits, nothing else.
    const notDivisions = await request('POST', '/v1/units', admin, {
      code: 'OK', name: 'ok', areaCodes: ['440304-01', '4403041', 'A1', '440304001001', '3'],
    });
    expect(notDivisions.body.errors.map((e: { field: string }) => e.field)).toEqual(['areaCodes.0', 'areaCodes.1', 'areaCodes.2', 'areaCodes.4']);
    const tooMany = await request('POST', '/v1/units', admin, {
      code: 'OK', name: 'ok', areaCodes: Array.from({ length: 51 }, (_, i) => String(110101 + i)),
    });
    expect(tooMany.body.errors.map((e: { field: string }) => e.field)).toEqual(['areaCodes']);
    expect((await request('GET', '/v1/units?area=a%20b', admin)).body.errors).toEqual([expect.objectContaining({ field: 'query.area' })]);
    expect((await request('GET', '/v1/units', admin)).body.items).toEqual([]);

    const conflict = await request('POST', '/v1/units', await token('city-a', ['tenant-admin']), { code: 'CITY', name: 'dup', areaCodes: ['11'] });
    expect(conflict).toMatchObject({ status: 409, body: { code: 'conflict' } });
  });

  it('checks authentication and roles', async () => {
    expect((await request('GET', '/v1/units')).status).toBe(401);
    expect((await request('GET', '/v1/units', 'not-a-jwt')).status).toBe(401);
    for (const role of ['agent', 'dispatcher', 'supervisor', 'tenant-admin'] as const)
      expect((await request('GET', '/v1/units', await token('city-a', [role]))).status).toBe(200);
    expect((await request('GET', '/v1/units', await token('city-a', ['reviewer']))).status).toBe(403);
    const dispatcher = await token('city-a', ['dispatcher']);
    expect((await request('POST', '/v1/units', dispatcher, { code: 'X', name: 'x', areaCodes: ['11'] })).status).toBe(403);
  });

  it('serves the ListUnits gRPC query to the bearer token\'s tenant, with the roles of GET /v1/units', async () => {
    const client = createGrpcClient(dispatchV1.DispatchServiceClient, service.grpcAddress);
    const as = async (tenantId: string, roles: Parameters<ServiceUnderTest['token']>[1] = ['dispatcher']) => ({ token: await token(tenantId, roles) });
    try {
      const all = await callUnary(client, client.listUnits, { areaCode: '' }, await as('city-a'));
      expect(all.units.map((u) => [u.code, u.parentId])).toEqual([
        ['CITY', ''],
        ['FUTIAN', units['CITY']],
        ['NANSHAN', units['CITY']],
      ]);
      const covering = await callUnary(client, client.listUnits, { areaCode: '440304' }, await as('city-b', ['agent']));
      expect(covering.units.map((u) => u.code)).toEqual(['B-ROOT']);
      const street = await callUnary(client, client.listUnits, { areaCode: '440304001' }, await as('city-a', ['supervisor']));
      expect(street.units.map((u) => u.code)).toEqual(['CITY', 'FUTIAN']);
      for (const areaCode of ['a b', '440304-01'])
        await expect(callUnary(client, client.listUnits, { areaCode }, await as('city-a'))).rejects.toMatchObject({
          code: status.INVALID_ARGUMENT,
        });
      // x-tenant-id alone is no credential; another tenant's token cannot name this one; reviewers do not read units.
      await expect(callUnary(client, client.listUnits, { areaCode: '' }, { tenantId: 'city-a' })).rejects.toMatchObject({
        code: status.UNAUTHENTICATED,
      });
      await expect(callUnary(client, client.listUnits, { areaCode: '' }, { ...(await as('city-b')), tenantId: 'city-a' })).rejects.toMatchObject({
        code: status.PERMISSION_DENIED,
      });
      await expect(callUnary(client, client.listUnits, { areaCode: '' }, await as('city-a', ['reviewer']))).rejects.toMatchObject({
        code: status.PERMISSION_DENIED,
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

  it('keeps the durable consumer deployed before under its name and filter, and adds the taxonomy one', async () => {
    const stream = streamOf(namespace, 'intake').name;
    const consumers = service.context.bus.jsm.consumers;
    const accepted = await consumers.info(stream, 'dispatch--hl-intake-v1--request-accepted');
    expect(accepted.config.filter_subject).toBe(eventFilter(namespace, Events.intake.requestAccepted));
    const taxonomy = await consumers.info(stream, 'dispatch--hl-intake-v1--taxonomy');
    expect(taxonomy.config.filter_subject).toBe(eventFilter(namespace, Events.intake.taxonomyPublished));
  });
});
