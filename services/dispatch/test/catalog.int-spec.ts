import { uuidv7 } from '@hotline/platform';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { dispatchService } from '../src/dispatch.service';

describe('dispatch catalog 派单目录 (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const unit: Record<string, string> = {};
  const fields = (body: { errors: Array<{ field: string }> }) => body.errors.map((e) => e.field);

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    const admin = sut.as('city-a', ['tenant-admin']);
    for (const [code, area] of [['HOUSING', '320102'], ['STREET', '320102'], ['TRAFFIC', '320104']]) {
      const res = await admin('POST', '/v1/units', { code, name: `${code} 单位`, areaCodes: [area] });
      unit[code] = res.body.id;
    }
    unit['B-UNIT'] = (await sut.as('city-b', ['tenant-admin'])('POST', '/v1/units', { code: 'B-UNIT', name: 'B', areaCodes: ['1'] })).body.id;
  });

  afterAll(() => sut?.close());

  it('has no catalog in force before the first publication', async () => {
    const res = await sut.as('city-a', ['dispatcher'])('GET', '/v1/catalog');
    expect(res).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('publishes immutable versions; the newest is in force', async () => {
    const admin = sut.as('city-a', ['tenant-admin']);
    const first = await admin('PUT', '/v1/catalog', {
      entries: [{ categoryPrefix: '01', areaCode: '*', primaryUnitId: unit['HOUSING'] }],
    });
    expect(first).toMatchObject({
      status: 200,
      body: {
        version: 1,
        publishedBy: 'city-a:user',
        entries: [{ categoryPrefix: '01', areaCode: '*', primaryUnitId: unit['HOUSING'], assistingUnitIds: [] }],
      },
    });
    expect(new Date(first.body.publishedAt).toISOString()).toBe(first.body.publishedAt);

    const secondEntries = [
      { categoryPrefix: '0102', areaCode: '320102', primaryUnitId: unit['HOUSING'], assistingUnitIds: [unit['STREET']] },
      { categoryPrefix: '02', areaCode: '*', primaryUnitId: unit['TRAFFIC'], assistingUnitIds: [] },
    ];
    const second = await admin('PUT', '/v1/catalog', { entries: secondEntries });
    expect(second).toMatchObject({ status: 200, body: { version: 2, entries: secondEntries } });

    for (const role of ['dispatcher', 'supervisor', 'tenant-admin'] as const) {
      const inForce = await sut.as('city-a', [role])('GET', '/v1/catalog');
      expect(inForce).toMatchObject({ status: 200, body: { version: 2, entries: secondEntries } });
    }
    const old = await admin('GET', '/v1/catalog/versions/1');
    expect(old).toMatchObject({ status: 200, body: { version: 1, entries: [{ categoryPrefix: '01', primaryUnitId: unit['HOUSING'] }] } });
    expect((await admin('GET', '/v1/catalog/versions/3')).status).toBe(404);
    expect((await admin('GET', '/v1/catalog/versions/abc')).body.errors).toEqual([expect.objectContaining({ field: 'path.version' })]);
  });

  it('refuses a bad catalog with a 400 naming each field, and publishes nothing', async () => {
    const admin = sut.as('city-a', ['tenant-admin']);
    const entry = (over: Record<string, unknown>) => ({ categoryPrefix: '03', areaCode: '*', primaryUnitId: unit['HOUSING'], ...over });

    const shape = await admin('PUT', '/v1/catalog', {
      entries: [
        entry({ categoryPrefix: '010' }),
        entry({ areaCode: 'no spaces' }),
        entry({ primaryUnitId: 'nope', extra: true }),
        entry({ categoryPrefix: '04', assistingUnitIds: Array.from({ length: 11 }, () => uuidv7()) }),
      ],
    });
    expect(shape).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(shape.type).toContain('application/problem+json');
    expect(fields(shape.body)).toEqual(['entries.0.categoryPrefix', 'entries.1.areaCode', 'entries.2.primaryUnitId', 'entries.2', 'entries.3.assistingUnitIds']);

    const rules = await admin('PUT', '/v1/catalog', {
      entries: [
        entry({ assistingUnitIds: [unit['HOUSING']] }),
        entry({ categoryPrefix: '04', assistingUnitIds: [unit['STREET'], unit['STREET']] }),
        entry({ primaryUnitId: unit['TRAFFIC'] }),
      ],
    });
    expect(fields(rules.body)).toEqual(['entries.0.assistingUnitIds.0', 'entries.1.assistingUnitIds.1', 'entries.2']);

    // Unknown units, including another tenant's (row-level security hides it), named by place.
    const units = await admin('PUT', '/v1/catalog', {
      entries: [
        entry({}),
        entry({ categoryPrefix: '04', primaryUnitId: '0190a0a0-0000-7000-8000-000000000000' }),
        entry({ categoryPrefix: '05', assistingUnitIds: [unit['STREET'], unit['B-UNIT']] }),
        entry({ categoryPrefix: '06', primaryUnitId: unit['B-UNIT'] }),
      ],
    });
    expect(units).toMatchObject({ status: 400 });
    expect(fields(units.body)).toEqual(['entries.1.primaryUnitId', 'entries.2.assistingUnitIds.1', 'entries.3.primaryUnitId']);

    expect(fields((await admin('PUT', '/v1/catalog', { entries: [] })).body)).toEqual(['entries']);
    expect(fields((await admin('PUT', '/v1/catalog', {})).body)).toEqual(['entries']);
    expect((await admin('GET', '/v1/catalog')).body.version).toBe(2);
  });

  it('accepts a catalog of 5000 entries and refuses 5001', async () => {
    const admin = sut.as('city-c', ['tenant-admin']);
    const primaryUnitId = (await admin('POST', '/v1/units', { code: 'ONE', name: 'one', areaCodes: ['1'] })).body.id;
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      categoryPrefix: String(i % 100).padStart(2, '0'),
      areaCode: `A${Math.floor(i / 100)}`,
      primaryUnitId,
    }));
    const big = await admin('PUT', '/v1/catalog', { entries });
    expect(big.status).toBe(200);
    expect((await admin('GET', '/v1/catalog')).body.entries).toHaveLength(5000);
    const tooBig = await admin('PUT', '/v1/catalog', { entries: [...entries, { categoryPrefix: '01', areaCode: 'X', primaryUnitId }] });
    expect(fields(tooBig.body)).toEqual(['entries']);
  });

  it('keeps catalogs per tenant and checks roles', async () => {
    expect((await sut.as('city-b', ['dispatcher'])('GET', '/v1/catalog')).status).toBe(404);
    expect((await sut.request('GET', '/v1/catalog')).status).toBe(401);
    expect((await sut.as('city-a', ['agent'])('GET', '/v1/catalog')).status).toBe(403);
    const body = { entries: [{ categoryPrefix: '01', areaCode: '*', primaryUnitId: unit['HOUSING'] }] };
    for (const role of ['dispatcher', 'supervisor'] as const)
      expect((await sut.as('city-a', [role])('PUT', '/v1/catalog', body)).status).toBe(403);
    expect(await sut.service.context.dataSource.query('select * from catalog_entries')).toEqual([]);
  });
});
