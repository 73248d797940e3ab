import { Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually, queryAsTenant } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { dispatchService } from '../src/dispatch.service';
import { eventFor, eventsOnStream, requestBrief } from './dispatch-test-helpers';

// Issue 11/16, what the console needs of returns (退单): the tenant's returns across requests for
// the dispute review, a unit reading the returns it filed (and nobody else's), and the unit a
// return suggests (建议承办单位).
describe('returns across requests, a unit’s own returns and the suggested unit (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const CITY = 'city-ra';
  const OTHER = 'city-rb';
  const unit: Record<string, string> = {};
  const as = (roles: Role[], code?: string, tenant = CITY) => async (method: string, path: string, body?: unknown) =>
    sut.request(method, path, await sut.token(tenant, roles, code), body);
  const basis = '《城市供水条例》第七条:供水设施维护属水务部门';
  const file = (requestId: string, code: string, extra: Record<string, unknown> = {}, tenant = CITY) =>
    as(['unit-operator'], code, tenant)('POST', `/v1/dispatches/${requestId}/returns`, { reasonCode: 'not-our-duty', basis, ...extra });
  const decide = (returnId: string, decision: 'accept' | 'reject') =>
    as(['dispatcher'])('POST', `/v1/returns/${returnId}/decision`, { decision, note: '经审核' });
  const returnRows = async () => (await queryAsTenant<{ n: number }>(sut.db.url, CITY, `select count(*)::int as n from dispatch_returns`))[0].n;
  const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

  /** A request the catalog gives to HOUSING (category 01) or WATER (category 02), once dispatched. */
  async function dispatched(categoryCode = '010101', tenant = CITY, number = '3201-20250124-000001') {
    const brief = requestBrief({ categoryCode, areaCode: '320102', number, urgency: 'urgent' });
    await publishEvent(sut, Events.intake.requestAccepted, tenant, { request: brief });
    await eventFor(sut, Events.dispatch.requestDispatched, tenant, brief.requestId);
    return brief.requestId;
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    for (const tenant of [CITY, OTHER]) {
      for (const code of ['HOUSING', 'WATER', 'PARKS'])
        unit[`${tenant}:${code}`] = (await as(['tenant-admin'], undefined, tenant)('POST', '/v1/units', { code, name: `${code} 单位`, areaCodes: ['320102'] })).body.id;
      if (tenant === OTHER) await as(['tenant-admin'], undefined, tenant)('POST', '/v1/units', { code: 'ONLY-IN-B', name: '仅乙市', areaCodes: ['320102'] });
      await as(['tenant-admin'], undefined, tenant)('PUT', '/v1/catalog', {
        entries: [
          { categoryCode: '01', areaCode: '*', primaryUnitId: unit[`${tenant}:HOUSING`] },
          { categoryCode: '02', areaCode: '*', primaryUnitId: unit[`${tenant}:WATER`] },
        ],
      });
    }
  });

  afterAll(() => sut?.close());

  it('records the suggested unit, shows it to the dispatcher, and carries its code on ReturnFiled', async () => {
    const requestId = await dispatched();
    const filed = await file(requestId, 'HOUSING', { suggestedUnitCode: 'WATER' });
    expect(filed.status).toBe(201);
    expect(filed.body.suggestedUnit).toEqual({ unitId: unit[`${CITY}:WATER`], unitCode: 'WATER', unitName: 'WATER 单位' });
    const history = await as(['dispatcher'])('GET', `/v1/dispatches/${requestId}/returns`);
    expect(history.body.items).toEqual([expect.objectContaining({ id: filed.body.id, suggestedUnit: filed.body.suggestedUnit })]);
    const event = await eventually('ReturnFiled', async () => (await eventsOnStream(sut, Events.dispatch.returnFiled, CITY)).find((e) => e.returnId === filed.body.id));
    expect(event.suggestedUnitCode).toBe('WATER');
    expect(JSON.stringify(event)).not.toContain('城市供水条例');

    // Without one: null in the API, absent from the event.
    const plain = await file(await dispatched(), 'HOUSING');
    expect(plain.body.suggestedUnit).toBeNull();
    const plainEvent = await eventually('ReturnFiled', async () => (await eventsOnStream(sut, Events.dispatch.returnFiled, CITY)).find((e) => e.returnId === plain.body.id));
    expect(plainEvent.suggestedUnitCode).toBeUndefined();
  });

  it('refuses a suggested unit outside the directory, the returning unit itself or one excluded already, naming the field, nothing written', async () => {
    const requestId = await dispatched();
    const rows = await returnRows();
    for (const code of ['NOPE', 'HOUSING', 'has space']) {
      const refused = await file(requestId, 'HOUSING', { suggestedUnitCode: code });
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused)).toEqual(['suggestedUnitCode']);
    }
    // Another tenant's unit reads as unknown (row-level security).
    const foreign = await file(requestId, 'HOUSING', { suggestedUnitCode: 'ONLY-IN-B' });
    expect(fieldsOf(foreign)).toEqual(['suggestedUnitCode']);
    expect(await returnRows()).toBe(rows);

    // HOUSING's return is accepted, WATER gets it: WATER may not suggest HOUSING back.
    expect((await decide((await file(requestId, 'HOUSING')).body.id, 'accept')).status).toBe(200);
    expect((await as(['dispatcher'])('POST', `/v1/dispatch-queue/${requestId}/assign`, { primaryUnitId: unit[`${CITY}:WATER`] })).status).toBe(200);
    const back = await file(requestId, 'WATER', { suggestedUnitCode: 'HOUSING' });
    expect(back.status).toBe(400);
    expect(fieldsOf(back)).toEqual(['suggestedUnitCode']);
    expect((await file(requestId, 'WATER', { suggestedUnitCode: 'PARKS' })).status).toBe(201);
  });

  it('lets a unit read the returns it filed of a request, and hides the others', async () => {
    const requestId = await dispatched();
    const housing = await file(requestId, 'HOUSING');
    expect((await decide(housing.body.id, 'accept')).status).toBe(200);
    await as(['dispatcher'])('POST', `/v1/dispatch-queue/${requestId}/assign`, { primaryUnitId: unit[`${CITY}:WATER`] });
    const water = await file(requestId, 'WATER');
    expect(water.status).toBe(201);

    const list = (code: string | undefined, roles: Role[] = ['unit-operator']) => as(roles, code)('GET', `/v1/dispatches/${requestId}/returns`);
    expect((await list(undefined, ['dispatcher'])).body.items.map((r: { id: string }) => r.id)).toEqual([housing.body.id, water.body.id]);
    const ownHousing = await list('HOUSING', ['unit-leader']);
    expect(ownHousing.status).toBe(200);
    expect(ownHousing.body.items).toEqual([expect.objectContaining({ id: housing.body.id, status: 'accepted', basis })]);
    expect((await list('WATER')).body.items.map((r: { id: string }) => r.id)).toEqual([water.body.id]);
    // A unit that filed none, or a token naming no unit: as if there were no such request.
    expect((await list('PARKS')).status).toBe(404);
    expect((await list(undefined)).status).toBe(404);
    expect((await as(['unit-operator'], 'HOUSING', OTHER)('GET', `/v1/dispatches/${requestId}/returns`)).status).toBe(404);
    expect((await list(undefined, ['agent'])).status).toBe(403);
  });

  it('lists the tenant’s returns across requests with their brief fields: in review oldest first, decided by latest decision, paged', async () => {
    const first = await dispatched('010101', CITY, '3201-20250124-000101');
    const second = await dispatched('020101', CITY, '3201-20250124-000102');
    const third = await dispatched('010101', CITY, '3201-20250124-000103');
    const a = await file(first, 'HOUSING', { suggestedUnitCode: 'PARKS' });
    const b = await file(second, 'WATER');
    const c = await file(third, 'HOUSING');
    // Another tenant's return is never listed.
    await file(await dispatched('010101', OTHER), 'HOUSING', {}, OTHER);
    const list = async (query: string, roles: Role[] = ['dispatcher']) => as(roles)('GET', `/v1/returns${query}`);

    const inReview = (await list('?status=in-review&limit=200')).body;
    const ids = inReview.items.map((r: { id: string }) => r.id);
    expect(ids.indexOf(a.body.id)).toBeLessThan(ids.indexOf(b.body.id));
    expect(ids.indexOf(b.body.id)).toBeLessThan(ids.indexOf(c.body.id));
    expect(inReview).toMatchObject({ total: ids.length, limit: 200, offset: 0 });
    expect(inReview.items.every((r: { status: string }) => r.status === 'in-review')).toBe(true);
    expect(inReview.items.find((r: { id: string }) => r.id === a.body.id)).toMatchObject({
      requestId: first,
      request: { number: '3201-20250124-000101', categoryCode: '010101', areaCode: '320102', urgency: 'urgent' },
      unit: { unitCode: 'HOUSING' },
      reasonCode: 'not-our-duty',
      basis,
      returnedAt: a.body.returnedAt,
      status: 'in-review',
      decidedAt: null,
      suggestedUnit: { unitCode: 'PARKS' },
    });
    const [{ n }] = await queryAsTenant<{ n: number }>(sut.db.url, CITY, `select count(*)::int as n from dispatch_returns where status = 'in-review'`);
    expect(inReview.total).toBe(n);

    // Paging: one at a time, the same order.
    const page = (await list(`?status=in-review&limit=1&offset=1`)).body;
    expect(page).toMatchObject({ limit: 1, offset: 1, total: n });
    expect(page.items.map((r: { id: string }) => r.id)).toEqual([ids[1]]);

    await decide(b.body.id, 'reject');
    await decide(c.body.id, 'accept');
    const rejected = (await list('?status=rejected', ['supervisor'])).body.items;
    expect(rejected[0]).toMatchObject({ id: b.body.id, status: 'rejected', request: { number: '3201-20250124-000102', categoryCode: '020101' }, decidedBy: expect.any(String) });
    const accepted = (await list('?status=accepted', ['tenant-admin'])).body.items;
    expect(accepted[0]).toMatchObject({ id: c.body.id, status: 'accepted' });
    expect(accepted.some((r: { id: string }) => r.id === b.body.id)).toBe(false);
    const all = (await list('?limit=200')).body;
    expect(all.total).toBe(await returnRows());
    expect(all.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([a.body.id, b.body.id, c.body.id]));
  });

  it('refuses a bad query naming the field, and callers outside the hotline', async () => {
    for (const [query, field] of [
      ['?status=pending', 'query.status'],
      ['?limit=0', 'query.limit'],
      ['?limit=201', 'query.limit'],
      ['?offset=-1', 'query.offset'],
      ['?limit=1e2', 'query.limit'],
      ['?unit=HOUSING', 'query'],
    ]) {
      const res = await as(['dispatcher'])('GET', `/v1/returns${query}`);
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(fieldsOf(res)).toEqual([field]);
    }
    for (const roles of [['unit-operator'], ['agent'], ['reviewer']] as Role[][])
      expect((await as(roles, 'HOUSING')('GET', '/v1/returns')).status).toBe(403);
  });
});
