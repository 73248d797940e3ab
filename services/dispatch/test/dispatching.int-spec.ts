import { Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { systemActor } from '@hotline/vocabulary';
import { dispatchService } from '../src/dispatch.service';
import { eventFor, eventsOnStream, requestBrief } from './dispatch-test-helpers';

describe('automatic and manual dispatch (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const unit: Record<string, string> = {};
  const accept = (tenantId: string, brief: ReturnType<typeof requestBrief>) =>
    publishEvent(sut, Events.intake.requestAccepted, tenantId, { request: brief });
  const queuedIds = async (tenantId: string) =>
    (await sut.as(tenantId, ['dispatcher'])('GET', '/v1/dispatch-queue')).body.items.map((i: { requestId: string }) => i.requestId);

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    for (const [tenant, code, area] of [
      ['city-a', 'HOUSING', '320102'], ['city-a', 'STREET', '320102'], ['city-a', 'ELEVATOR', '320100'], ['city-b', 'B-ALL', '32'],
    ]) {
      const res = await sut.as(tenant, ['tenant-admin'])('POST', '/v1/units', { code, name: `${code} 单位`, areaCodes: [area] });
      unit[code] = res.body.id;
    }
    await sut.as('city-a', ['tenant-admin'])('PUT', '/v1/catalog', {
      entries: [{ categoryCode: '01', areaCode: '*', primaryUnitId: unit['ELEVATOR'] }],
    });
    const v2 = await sut.as('city-a', ['tenant-admin'])('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '01', areaCode: '*', primaryUnitId: unit['HOUSING'] },
        { categoryCode: '0102', areaCode: '320102', primaryUnitId: unit['HOUSING'], assistingUnitIds: [unit['STREET'], unit['ELEVATOR']] },
        { categoryCode: '010203', areaCode: '*', primaryUnitId: unit['ELEVATOR'] },
        // A tenant's own taxonomy, whose codes are no two-digit prefixes of each other.
        { categoryCode: 'A', areaCode: '*', primaryUnitId: unit['ELEVATOR'] },
        { categoryCode: 'A.1', areaCode: '320102', primaryUnitId: unit['STREET'] },
        { categoryCode: 'A.1.3', areaCode: '*', primaryUnitId: unit['HOUSING'] },
      ],
    });
    expect(v2.body.version).toBe(2);
    // Tenant B's catalog places everything, in every area: it must never touch tenant A's requests.
    await sut.as('city-b', ['tenant-admin'])('PUT', '/v1/catalog', {
      entries: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '99'].map((p) => ({ categoryCode: p, areaCode: '*', primaryUnitId: unit['B-ALL'] })),
    });
  });

  afterAll(() => sut?.close());

  it('dispatches an accepted request by the most specific entry of the catalog in force', async () => {
    const brief = requestBrief({ categoryCode: '010203', areaCode: '320104' });
    await accept('city-a', brief);
    const dispatched = await eventFor(sut, Events.dispatch.requestDispatched, 'city-a', brief.requestId);
    expect(dispatched).toMatchObject({
      request: brief,
      mode: 'catalog',
      catalogVersion: 2,
      dispatchedBy: systemActor('dispatch'),
      assignments: [{ unitId: unit['ELEVATOR'], unitCode: 'ELEVATOR', unitName: 'ELEVATOR 单位', role: 'primary' }],
    });
    expect(new Date(dispatched.dispatchedAt).toISOString()).toBe(dispatched.dispatchedAt);

    const view = await sut.as('city-a', ['supervisor'])('GET', `/v1/dispatches/${brief.requestId}`);
    expect(view).toMatchObject({
      status: 200,
      body: { requestId: brief.requestId, mode: 'catalog', catalogVersion: 2, dispatchedAt: dispatched.dispatchedAt, dispatchedBy: 'system:dispatch' },
    });
  });

  it('co-handles: one primary and assisting units, exact area before "*"', async () => {
    const brief = requestBrief({ categoryCode: '010299', areaCode: '320102', urgency: 'urgent' });
    await accept('city-a', brief);
    const dispatched = await eventFor(sut, Events.dispatch.requestDispatched, 'city-a', brief.requestId);
    expect(dispatched.assignments.map((a) => [a.unitCode, a.role])).toEqual([
      ['HOUSING', 'primary'], ['STREET', 'assisting'], ['ELEVATOR', 'assisting'],
    ]);
    expect(dispatched.assignments[1]).toEqual({ unitId: unit['STREET'], unitName: 'STREET 单位', unitCode: 'STREET', role: 'assisting' });
  });

  it("dispatches a request from a street (9 digits) and one from a community (12 digits) by their district's entry", async () => {
    const street = requestBrief({ categoryCode: '010299', areaCode: '320102003' });
    const community = requestBrief({ categoryCode: '010299', areaCode: '320102003004' });
    const elsewhere = requestBrief({ categoryCode: '010299', areaCode: '320104003004' });
    for (const brief of [street, community, elsewhere]) await accept('city-a', brief);
    for (const brief of [street, community]) {
      const dispatched = await eventFor(sut, Events.dispatch.requestDispatched, 'city-a', brief.requestId);
      expect(dispatched.assignments.map((a) => [a.unitCode, a.role])).toEqual([
        ['HOUSING', 'primary'], ['STREET', 'assisting'], ['ELEVATOR', 'assisting'],
      ]);
    }
    // Another district's community falls back to the "*" entry.
    const fallback = await eventFor(sut, Events.dispatch.requestDispatched, 'city-a', elsewhere.requestId);
    expect(fallback.assignments.map((a) => [a.unitCode, a.role])).toEqual([['HOUSING', 'primary']]);
  });

  it('matches a taxonomy of any code shape along the category path intake sends', async () => {
    const path = (categoryPath: string[], areaCode = '320104') =>
      requestBrief({ categoryCode: categoryPath[categoryPath.length - 1], categoryPath, taxonomyVersion: 3, areaCode });
    const exact = path(['A', 'A.1', 'A.1.3']);
    const belowAreaEntry = path(['A', 'A.1', 'A.1.7'], '320102001');
    const belowTop = path(['A', 'A.2']);
    const unknown = path(['B', 'B.1']);
    for (const brief of [exact, belowAreaEntry, belowTop, unknown]) await accept('city-a', brief);
    const primaryOf = async (brief: typeof exact) =>
      (await eventFor(sut, Events.dispatch.requestDispatched, 'city-a', brief.requestId)).assignments[0]?.unitCode;
    expect(await primaryOf(exact)).toBe('HOUSING');
    expect(await primaryOf(belowAreaEntry)).toBe('STREET');
    expect(await primaryOf(belowTop)).toBe('ELEVATOR');
    const queued = await eventFor(sut, Events.dispatch.requestQueued, 'city-a', unknown.requestId);
    expect(queued).toMatchObject({ request: { categoryPath: ['B', 'B.1'] }, reason: 'no catalog entry for category B.1 in area 320104' });
  });

  it('changes nothing when the same request is accepted again (redelivery, new message id)', async () => {
    const brief = requestBrief({ categoryCode: '019999' });
    await accept('city-a', brief);
    await eventFor(sut, Events.dispatch.requestDispatched, 'city-a', brief.requestId);
    const consumed = async () =>
      (await sut.service.context.dataSource.query(`select count(*)::int as n from inbox where tenant_id = 'city-a'`))[0].n as number;
    const before = await consumed();
    await accept('city-a', brief);
    await accept('city-a', { ...brief, categoryCode: '' });
    await eventually('both duplicates consumed', async () => (await consumed()) === before + 2);
    const all = await eventsOnStream(sut, Events.dispatch.requestDispatched, 'city-a');
    expect(all.filter((e) => e.request?.requestId === brief.requestId)).toHaveLength(1);
    const queued = await eventsOnStream(sut, Events.dispatch.requestQueued, 'city-a');
    expect(queued.filter((e) => e.request?.requestId === brief.requestId)).toEqual([]);
  });

  it('queues what the catalog cannot place, then a dispatcher assigns it by hand', async () => {
    const brief = requestBrief({ categoryCode: '990101', areaCode: '320102', title: '无人管的事' });
    await accept('city-a', brief);
    const queued = await eventFor(sut, Events.dispatch.requestQueued, 'city-a', brief.requestId);
    expect(queued).toMatchObject({ request: brief, reason: 'no catalog entry for category 990101 in area 320102' });

    const list = await sut.as('city-a', ['supervisor'])('GET', '/v1/dispatch-queue');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual({
      requestId: brief.requestId, number: brief.number, title: '无人管的事', categoryCode: '990101', areaCode: '320102',
      requestType: 'complaint', urgency: 'normal', reason: queued.reason, queuedAt: queued.queuedAt,
      // The default dispatch limit of a normal request: 120 minutes.
      dueAt: new Date(Date.parse(queued.queuedAt) + 120 * 60_000).toISOString(), clockLevel: 'on-time',
    });
    expect(JSON.stringify(list.body)).not.toContain('138****5678');

    const dispatcher = sut.as('city-a', ['dispatcher']);
    const path = `/v1/dispatch-queue/${brief.requestId}/assign`;
    const unknown = await dispatcher('POST', path, { primaryUnitId: unit['B-ALL'], assistingUnitIds: [unit['STREET']] });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ field: 'primaryUnitId' }] } });
    const selfAssist = await dispatcher('POST', path, { primaryUnitId: unit['STREET'], assistingUnitIds: [unit['STREET']], x: 1 });
    expect(selfAssist.body.errors.map((e: { field: string }) => e.field)).toEqual(['(body)', 'assistingUnitIds.0']);
    expect((await sut.as('city-a', ['supervisor'])('POST', path, { primaryUnitId: unit['STREET'] })).status).toBe(403);

    const assigned = await dispatcher('POST', path, {
      primaryUnitId: unit['STREET'], assistingUnitIds: [unit['HOUSING']],
    });
    expect(assigned).toMatchObject({ status: 200, body: { mode: 'manual', catalogVersion: 0, dispatchedBy: 'city-a:user' } });
    const dispatched = await eventFor(sut, Events.dispatch.requestDispatched, 'city-a', brief.requestId);
    expect(dispatched).toMatchObject({ request: brief, mode: 'manual', catalogVersion: 0, dispatchedBy: 'city-a:user' });
    expect(dispatched.assignments.map((a) => [a.unitCode, a.role])).toEqual([['STREET', 'primary'], ['HOUSING', 'assisting']]);

    expect(await queuedIds('city-a')).not.toContain(brief.requestId);
    expect((await dispatcher('POST', path, { primaryUnitId: unit['STREET'] })).status).toBe(404);
    expect((await dispatcher('GET', `/v1/dispatches/${brief.requestId}`)).body.assignments).toEqual(dispatched.assignments);
  });

  it('queues a request without a content category, the most urgent first', async () => {
    const normal = requestBrief({ categoryCode: '' });
    const critical = requestBrief({ categoryCode: '', urgency: 'critical' });
    await accept('city-a', normal);
    await accept('city-a', critical);
    const queued = await eventFor(sut, Events.dispatch.requestQueued, 'city-a', critical.requestId);
    expect(queued.reason).toBe('no content category');
    await eventFor(sut, Events.dispatch.requestQueued, 'city-a', normal.requestId);
    const ids = await queuedIds('city-a');
    expect(ids.indexOf(critical.requestId)).toBeLessThan(ids.indexOf(normal.requestId));

    const page = await sut.as('city-a', ['dispatcher'])('GET', '/v1/dispatch-queue?limit=1&offset=1');
    expect(page.body).toMatchObject({ items: [{ requestId: ids[1] }], total: ids.length, limit: 1, offset: 1 });
    const bad = await sut.as('city-a', ['dispatcher'])('GET', '/v1/dispatch-queue?limit=201&offset=-1');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.limit', 'query.offset']);
  });

  it("keeps tenants apart: B's catalog never places A's request, B sees nothing of A", async () => {
    const brief = requestBrief({ categoryCode: '030101', areaCode: '320102' });
    await accept('city-a', brief);
    const queued = await eventFor(sut, Events.dispatch.requestQueued, 'city-a', brief.requestId);
    expect(queued.reason).toBe('no catalog entry for category 030101 in area 320102');

    expect(await queuedIds('city-b')).toEqual([]);
    const b = sut.as('city-b', ['dispatcher']);
    expect((await b('POST', `/v1/dispatch-queue/${brief.requestId}/assign`, { primaryUnitId: unit['B-ALL'] })).status).toBe(404);
    expect((await b('GET', `/v1/dispatches/${brief.requestId}`)).status).toBe(404);
    expect(await queuedIds('city-a')).toContain(brief.requestId);

    // The same shape of request in tenant B is placed by B's catalog.
    const inB = requestBrief({ categoryCode: '030101', areaCode: '320102' });
    await accept('city-b', inB);
    const dispatched = await eventFor(sut, Events.dispatch.requestDispatched, 'city-b', inB.requestId);
    expect(dispatched.assignments).toEqual([{ unitId: unit['B-ALL'], unitName: 'B-ALL 单位', unitCode: 'B-ALL', role: 'primary' }]);
    expect(await sut.service.context.dataSource.query('select * from dispatches')).toEqual([]);
  });

  it('answers 400, 401, 403 and 404 problems on the dispatch endpoints', async () => {
    const dispatcher = sut.as('city-a', ['dispatcher']);
    expect((await dispatcher('GET', '/v1/dispatches/not-a-uuid')).body.errors).toEqual([expect.objectContaining({ field: 'path.requestId' })]);
    const missing = await dispatcher('GET', '/v1/dispatches/0190a0a0-0000-7000-8000-000000000000');
    expect(missing).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect((await dispatcher('POST', '/v1/dispatch-queue/0190a0a0-0000-7000-8000-000000000000/assign', { primaryUnitId: unit['STREET'] })).status).toBe(404);
    expect((await dispatcher('POST', '/v1/dispatch-queue/0190a0a0-0000-7000-8000-000000000000/assign', {})).body.errors).toEqual([
      expect.objectContaining({ field: 'primaryUnitId' }),
    ]);
    expect((await sut.request('GET', '/v1/dispatch-queue')).status).toBe(401);
    expect((await sut.as('city-a', ['tenant-admin'])('GET', '/v1/dispatch-queue')).status).toBe(403);
    expect((await sut.as('city-a', ['agent'])('GET', '/v1/dispatches/0190a0a0-0000-7000-8000-000000000000')).status).toBe(403);
  });
});
