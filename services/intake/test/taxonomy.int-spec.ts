import { Events } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { intakeService } from '../src/intake.service';
import { CHANNELS, contact, outboxEvents, TAXONOMY } from './intake-fixtures';

/** Version 2 drops 010101 (used by a request) and 02 (used by none), and adds 010102. */
const NEXT_TAXONOMY = [
  { code: '01', name: '城乡建设', level: 1 },
  { code: '0101', name: '住房保障', parentCode: '01', level: 2 },
  { code: '010102', name: '电梯安全', parentCode: '0101', level: 3 },
  { code: '03', name: '生态环境', level: 1 },
];

describe('intake taxonomy versions (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const admin = (...a: [string, string, unknown?]) => sut.as('city-a', ['tenant-admin'])(...a);
  const agent = (...a: [string, string, unknown?]) => sut.as('city-a', ['agent'])(...a);
  const codes = (body: { items: Array<{ code: string }> }) => body.items.map((c) => c.code);

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    for (const channel of CHANNELS) await admin('POST', '/v1/channels', channel);
  });
  afterAll(() => sut?.close());

  it('publishes and lists the taxonomy, refusing an inconsistent one', async () => {
    const bad = await admin('PUT', '/v1/categories', {
      categories: [{ code: '01', name: 'a', level: 1 }, { code: '0101', name: 'b', parentCode: '09', level: 2 }],
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['categories.1.parentCode']);
    const tooDeep = await admin('PUT', '/v1/categories', { categories: [{ code: '01', name: 'a', level: 5 }] });
    expect(tooDeep.body.errors.map((e: { field: string }) => e.field)).toEqual(['categories.0.level']);
    const badCode = await admin('PUT', '/v1/categories', { categories: [{ code: '.01', name: 'a', level: 1 }] });
    expect(badCode.body.errors.map((e: { field: string }) => e.field)).toEqual(['categories.0.code']);
    expect((await agent('PUT', '/v1/categories', { categories: [] })).status).toBe(403);
    // Nothing refused became a version.
    expect((await agent('GET', '/v1/categories')).body).toMatchObject({ version: 0, items: [], total: 0 });

    expect((await admin('PUT', '/v1/categories', { categories: TAXONOMY })).body).toEqual({ version: 1, count: 4, retiredCodes: [] });
    const level2 = await agent('GET', '/v1/categories?level=2&parent=01');
    expect(level2.body).toMatchObject({ version: 1, items: [{ code: '0101', name: '住房保障', parentCode: '01', level: 2 }], total: 1 });
    expect(codes((await agent('GET', '/v1/categories?limit=2')).body)).toEqual(['01', '0101']);
    expect((await agent('GET', '/v1/categories?version=0')).body.errors[0].field).toBe('query.version');
    expect((await agent('GET', '/v1/categories?version=2')).status).toBe(404);
  });

  it('keeps a retired code resolvable in the version its request was classified under, and reports it retired', async () => {
    const classified = await agent('POST', '/v1/requests', contact({ categoryCode: '010101' }));
    expect(classified.body).toMatchObject({ categoryCode: '010101', taxonomyVersion: 1 });

    const published = await admin('PUT', '/v1/categories', { categories: NEXT_TAXONOMY });
    expect(published).toMatchObject({ status: 200 });
    expect(published.body).toEqual({
      version: 2,
      count: 4,
      retiredCodes: [
        { code: '010101', requests: 1 },
        { code: '02', requests: 0 },
      ],
    });

    // The request still names its code, in its version, where the code still resolves.
    expect((await agent('GET', `/v1/requests/${classified.body.id}`)).body).toMatchObject({ categoryCode: '010101', taxonomyVersion: 1 });
    const v1 = await agent('GET', '/v1/categories?version=1&parent=0101');
    expect(v1.body).toMatchObject({ version: 1, items: [{ code: '010101', name: '物业管理', parentCode: '0101', level: 3 }] });
    expect(codes((await agent('GET', '/v1/categories?version=1&limit=200')).body)).toEqual(['01', '0101', '010101', '02']);
    const latest = await agent('GET', '/v1/categories?limit=200');
    expect(latest.body.version).toBe(2);
    expect(codes(latest.body)).toEqual(['01', '0101', '010102', '03']);

    // New requests are classified under the latest version only.
    const retired = await agent('POST', '/v1/requests', contact({ categoryCode: '010101' }));
    expect(retired).toMatchObject({ status: 400 });
    expect(retired.body.errors.map((e: { field: string }) => e.field)).toEqual(['categoryCode']);
    const current = await agent('POST', '/v1/requests', contact({ categoryCode: '010102' }));
    expect(current.body).toMatchObject({ categoryCode: '010102', taxonomyVersion: 2 });
    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, current.body.id);
    expect(accepted?.request).toMatchObject({ categoryPath: ['01', '0101', '010102'], taxonomyVersion: 2 });
  });

  it('announces each version with its whole tree and the codes it retired', async () => {
    const events = await outboxEvents(sut, Events.intake.taxonomyPublished, 'city-a');
    expect(events.map((e) => [e.version, e.retiredCodes, e.publishedBy])).toEqual([
      [1, [], 'city-a:user'],
      [2, ['010101', '02'], 'city-a:user'],
    ]);
    expect(events[1]?.categories).toEqual([
      { code: '01', name: '城乡建设', parentCode: '', level: 1 },
      { code: '0101', name: '住房保障', parentCode: '01', level: 2 },
      { code: '010102', name: '电梯安全', parentCode: '0101', level: 3 },
      { code: '03', name: '生态环境', level: 1, parentCode: '' },
    ]);
    expect(new Date(events[1]!.publishedAt).getTime()).toBeGreaterThan(0);
  });

  it('publishes a whole taxonomy of the largest size, above the default body limit', async () => {
    const name = '城乡建设管理与公共服务类诉求事项分类名称较长的一项'; // 24 characters, 72 bytes of UTF-8
    const categories = Array.from({ length: 3000 }, (_, i) => ({ code: `L${String(i).padStart(4, '0')}`, name, level: 1 }));
    expect(Buffer.byteLength(JSON.stringify({ categories }))).toBeGreaterThan(256 * 1024);
    const res = await sut.as('city-big', ['tenant-admin'])('PUT', '/v1/categories', { categories });
    expect(res).toMatchObject({ status: 200, body: { version: 1, count: 3000, retiredCodes: [] } });
  });

  it("keeps taxonomies per tenant, and holds a public submission's category to the latest version", async () => {
    expect((await sut.as('city-b', ['agent'])('GET', '/v1/categories')).body).toMatchObject({ version: 0, items: [] });
    expect((await sut.as('city-b', ['agent'])('GET', '/v1/categories?version=1')).status).toBe(404);
    const online = await fetch(`${sut.service.httpUrl}/v1/public/city-a/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: '电梯', content: '电梯困人', areaCode: '320102', categoryCode: '010101' }),
    });
    expect(online.status).toBe(400);
    expect(((await online.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('categoryCode');
  });
});
