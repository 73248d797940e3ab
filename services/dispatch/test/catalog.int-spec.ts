import { Events, intakeEventsV1 } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
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
    unit['B-UNIT'] = (await sut.as('city-b', ['tenant-admin'])('POST', '/v1/units', { code: 'B-UNIT', name: 'B', areaCodes: ['11'] })).body.id;
  });

  afterAll(() => sut?.close());

  it('has no catalog in force before the first publication', async () => {
    const res = await sut.as('city-a', ['dispatcher'])('GET', '/v1/catalog');
    expect(res).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('publishes immutable versions; the newest is in force', async () => {
    const admin = sut.as('city-a', ['tenant-admin']);
    const first = await admin('PUT', '/v1/catalog', {
      entries: [{ categoryCode: '01', areaCode: '*', primaryUnitId: unit['HOUSING'] }],
    });
    expect(first).toMatchObject({
      status: 200,
      body: {
        version: 1,
        publishedBy: 'city-a:user',
        taxonomyVersion: null,
        entries: [{ categoryCode: '01', areaCode: '*', primaryUnitId: unit['HOUSING'], assistingUnitIds: [], inTaxonomy: null }],
        warnings: [{ field: 'entries', message: 'no content taxonomy has reached dispatch yet: category codes were not checked' }],
      },
    });
    expect(new Date(first.body.publishedAt).toISOString()).toBe(first.body.publishedAt);

    const secondEntries = [
      { categoryCode: '0102', areaCode: '320102', primaryUnitId: unit['HOUSING'], assistingUnitIds: [unit['STREET']] },
      { categoryCode: '02', areaCode: '*', primaryUnitId: unit['TRAFFIC'], assistingUnitIds: [] },
    ];
    const second = await admin('PUT', '/v1/catalog', { entries: secondEntries });
    expect(second).toMatchObject({ status: 200, body: { version: 2, entries: secondEntries } });

    for (const role of ['dispatcher', 'supervisor', 'tenant-admin'] as const) {
      const inForce = await sut.as('city-a', [role])('GET', '/v1/catalog');
      expect(inForce).toMatchObject({ status: 200, body: { version: 2, entries: secondEntries } });
    }
    const old = await admin('GET', '/v1/catalog/versions/1');
    expect(old).toMatchObject({ status: 200, body: { version: 1, entries: [{ categoryCode: '01', primaryUnitId: unit['HOUSING'] }] } });
    expect((await admin('GET', '/v1/catalog/versions/3')).status).toBe(404);
    expect((await admin('GET', '/v1/catalog/versions/abc')).body.errors).toEqual([expect.objectContaining({ field: 'path.version' })]);
  });

  it('refuses a bad catalog with a 400 naming each field, and publishes nothing', async () => {
    const admin = sut.as('city-a', ['tenant-admin']);
    const entry = (over: Record<string, unknown>) => ({ categoryCode: '03', areaCode: '*', primaryUnitId: unit['HOUSING'], ...over });

    const shape = await admin('PUT', '/v1/catalog', {
      entries: [
        entry({ categoryCode: '01 0' }),
        entry({ areaCode: 'no spaces' }),
        entry({ primaryUnitId: 'nope', extra: true }),
        entry({ categoryCode: '04', assistingUnitIds: Array.from({ length: 11 }, () => uuidv7()) }),
        entry({ categoryCode: '05', areaCode: '320102-01' }),
        entry({ categoryCode: '.06' }),
        entry({ categoryCode: '07', areaCode: '3201020' }),
      ],
    });
    expect(shape).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(shape.type).toContain('application/problem+json');
    expect(fields(shape.body)).toEqual([
      'entries.0.categoryCode', 'entries.1.areaCode', 'entries.2.primaryUnitId', 'entries.2', 'entries.3.assistingUnitIds',
      'entries.4.areaCode', 'entries.5.categoryCode', 'entries.6.areaCode',
    ]);

    const rules = await admin('PUT', '/v1/catalog', {
      entries: [
        entry({ assistingUnitIds: [unit['HOUSING']] }),
        entry({ categoryCode: '04', assistingUnitIds: [unit['STREET'], unit['STREET']] }),
        entry({ primaryUnitId: unit['TRAFFIC'] }),
      ],
    });
    expect(fields(rules.body)).toEqual(['entries.0.assistingUnitIds.0', 'entries.1.assistingUnitIds.1', 'entries.2']);

    // Unknown units, including another tenant's (row-level security hides it), named by place.
    const units = await admin('PUT', '/v1/catalog', {
      entries: [
        entry({}),
        entry({ categoryCode: '04', primaryUnitId: '0190a0a0-0000-7000-8000-000000000000' }),
        entry({ categoryCode: '05', assistingUnitIds: [unit['STREET'], unit['B-UNIT']] }),
        entry({ categoryCode: '06', primaryUnitId: unit['B-UNIT'] }),
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
    const primaryUnitId = (await admin('POST', '/v1/units', { code: 'ONE', name: 'one', areaCodes: ['32'] })).body.id;
    // 100 categories in each of 50 districts of city 3201.
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      categoryCode: String(i % 100).padStart(2, '0'),
      areaCode: `3201${String(Math.floor(i / 100) + 1).padStart(2, '0')}`,
      primaryUnitId,
    }));
    const big = await admin('PUT', '/v1/catalog', { entries });
    expect(big.status).toBe(200);
    expect((await admin('GET', '/v1/catalog')).body.entries).toHaveLength(5000);
    const tooBig = await admin('PUT', '/v1/catalog', { entries: [...entries, { categoryCode: '01', areaCode: '32', primaryUnitId }] });
    expect(fields(tooBig.body)).toEqual(['entries']);
  });

  it('keeps catalogs per tenant and checks roles', async () => {
    expect((await sut.as('city-b', ['dispatcher'])('GET', '/v1/catalog')).status).toBe(404);
    expect((await sut.request('GET', '/v1/catalog')).status).toBe(401);
    expect((await sut.as('city-a', ['agent'])('GET', '/v1/catalog')).status).toBe(403);
    const body = { entries: [{ categoryCode: '01', areaCode: '*', primaryUnitId: unit['HOUSING'] }] };
    for (const role of ['dispatcher', 'supervisor'] as const)
      expect((await sut.as('city-a', [role])('PUT', '/v1/catalog', body)).status).toBe(403);
    expect(await sut.service.context.dataSource.query('select * from catalog_entries')).toEqual([]);
  });

  it("refuses an entry whose area one of its units does not cover, naming the unit's field, and publishes nothing", async () => {
    const admin = sut.as('city-d', ['tenant-admin']);
    const register = async (code: string, areaCodes: string[]) =>
      (await admin('POST', '/v1/units', { code, name: code, areaCodes })).body.id as string;
    const xuanwu = await register('XUANWU', ['320102']);
    const qinhuai = await register('QINHUAI', ['320104']);
    const city = await register('NANJING', ['320100']);
    const street = await register('STREET-001', ['320102001']);

    const refused = await admin('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '03', areaCode: '320104', primaryUnitId: xuanwu },
        { categoryCode: '04', areaCode: '320102', primaryUnitId: xuanwu, assistingUnitIds: [city, qinhuai] },
        { categoryCode: '05', areaCode: '3201', primaryUnitId: xuanwu },
        { categoryCode: '06', areaCode: '320102', primaryUnitId: street },
      ],
    });
    expect(refused).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(refused.body.errors).toEqual([
      { field: 'entries.0.primaryUnitId', message: 'unit XUANWU (areas 320102) does not cover area 320104' },
      { field: 'entries.1.assistingUnitIds.1', message: 'unit QINHUAI (areas 320104) does not cover area 320102' },
      { field: 'entries.2.primaryUnitId', message: 'unit XUANWU (areas 320102) does not cover area 3201' },
      { field: 'entries.3.primaryUnitId', message: 'unit STREET-001 (areas 320102001) does not cover area 320102' },
    ]);
    expect((await admin('GET', '/v1/catalog')).status).toBe(404);

    // A city unit does not cover its province (320000 is the padded spelling of 32) …
    const tooWide = await admin('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '03', areaCode: '320102', primaryUnitId: xuanwu, assistingUnitIds: [city] },
        { categoryCode: '03', areaCode: '320102001001', primaryUnitId: street, assistingUnitIds: [xuanwu, city] },
        { categoryCode: '03', areaCode: '320000', primaryUnitId: city },
        { categoryCode: '04', areaCode: '*', primaryUnitId: street },
      ],
    });
    expect(tooWide.body.errors).toEqual([{ field: 'entries.2.primaryUnitId', message: 'unit NANJING (areas 320100) does not cover area 320000' }]);
    // … but every unit covers its own area and everything below it; "*" entries are not area-bound.
    const published = await admin('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '03', areaCode: '320102', primaryUnitId: xuanwu, assistingUnitIds: [city] },
        { categoryCode: '03', areaCode: '320102001001', primaryUnitId: street, assistingUnitIds: [xuanwu, city] },
        { categoryCode: '03', areaCode: '3201', primaryUnitId: city },
        { categoryCode: '04', areaCode: '*', primaryUnitId: street },
      ],
    });
    expect(published).toMatchObject({ status: 200, body: { version: 1 } });
  });

  it('refuses two entries for one category in two spellings of the same area', async () => {
    const admin = sut.as('city-d', ['tenant-admin']);
    const unitId = (await admin('POST', '/v1/units', { code: 'JIANGSU', name: '省', areaCodes: ['32'] })).body.id;
    const res = await admin('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '03', areaCode: '3201', primaryUnitId: unitId },
        { categoryCode: '03', areaCode: '320100', primaryUnitId: unitId },
      ],
    });
    expect(res.body.errors).toEqual([{ field: 'entries.1', message: 'duplicates entries.0 (category 03, area 320100)' }]);
  });

  it("warns about, and marks, entries whose category is not in the tenant's latest taxonomy", async () => {
    const tenant = 'city-e';
    const admin = sut.as(tenant, ['tenant-admin']);
    const unitId = (await admin('POST', '/v1/units', { code: 'ALL', name: '全市', areaCodes: ['3201'] })).body.id;
    const taxonomy = (version: number, codes: string[]): intakeEventsV1.TaxonomyPublished => ({
      version,
      categories: codes.map((code) => ({ code, name: code, parentCode: code.split('.').slice(0, -1).join('.'), level: code.split('.').length })),
      retiredCodes: [],
      publishedAt: '2025-03-01T00:00:00.000Z',
      publishedBy: `${tenant}:admin`,
    });
    const inForce = () => sut.as(tenant, ['dispatcher'])('GET', '/v1/catalog');
    const marks = (body: { entries: Array<{ categoryCode: string; inTaxonomy: boolean | null }> }) =>
      body.entries.map((e) => [e.categoryCode, e.inTaxonomy]);

    const before = await admin('PUT', '/v1/catalog', { entries: [{ categoryCode: 'A.1', areaCode: '*', primaryUnitId: unitId }] });
    expect(before.body).toMatchObject({ taxonomyVersion: null, warnings: [{ field: 'entries' }] });
    expect(marks(before.body)).toEqual([['A.1', null]]);

    await publishEvent(sut, Events.intake.taxonomyPublished, tenant, taxonomy(1, ['A', 'A.1', 'A.1.3']));
    await eventually('taxonomy 1 known', async () => (await inForce()).body.taxonomyVersion === 1);
    expect(marks((await inForce()).body)).toEqual([['A.1', true]]);

    const published = await admin('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: 'A.1.3', areaCode: '320102', primaryUnitId: unitId },
        { categoryCode: 'B.9', areaCode: '*', primaryUnitId: unitId },
        { categoryCode: 'A', areaCode: '*', primaryUnitId: unitId },
      ],
    });
    expect(published).toMatchObject({ status: 200, body: { version: 2, taxonomyVersion: 1 } });
    expect(published.body.warnings).toEqual([{ field: 'entries.1.categoryCode', message: 'category B.9 is not in taxonomy version 1' }]);
    expect(marks(published.body)).toEqual([['A.1.3', true], ['B.9', false], ['A', true]]);

    // Version 2 retires A.1.3 and adds B.9: the admin sees which entry the change orphaned.
    await publishEvent(sut, Events.intake.taxonomyPublished, tenant, taxonomy(2, ['A', 'A.1', 'B', 'B.9']));
    await eventually('taxonomy 2 known', async () => (await inForce()).body.taxonomyVersion === 2);
    expect(marks((await inForce()).body)).toEqual([['A.1.3', false], ['B.9', true], ['A', true]]);
    expect(marks((await admin('GET', '/v1/catalog/versions/1')).body)).toEqual([['A.1', true]]);

    // A late or redelivered older version never replaces the newer one.
    const consumed = async () =>
      (await sut.service.context.dataSource.query(`select count(*)::int as n from inbox where tenant_id = $1`, [tenant]))[0].n as number;
    const seen = await consumed();
    await publishEvent(sut, Events.intake.taxonomyPublished, tenant, taxonomy(1, ['A', 'A.1', 'A.1.3']));
    await eventually('the older taxonomy consumed', async () => (await consumed()) === seen + 1);
    expect((await inForce()).body.taxonomyVersion).toBe(2);

    // Another tenant's taxonomy marks nothing here.
    expect((await sut.as('city-a', ['dispatcher'])('GET', '/v1/catalog')).body.taxonomyVersion).toBeNull();
  });
});
