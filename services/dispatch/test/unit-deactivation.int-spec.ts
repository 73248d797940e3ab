import { Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually, queryAsTenant } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { dispatchService } from '../src/dispatch.service';
import { eventFor, eventsOnStream, requestBrief } from './dispatch-test-helpers';

// Issue 16: a tenant-admin deactivates a handling unit (a reform merged it away) and may
// reactivate it. A deactivated unit takes no new work: the catalog does not choose it (as primary
// the request waits for a dispatcher, as assisting it is left out), a person choosing it is
// refused with a 409 naming it; what it already has goes on. UnitChanged carries the flag.
describe('deactivating a handling unit: PATCH /v1/units/{id} with active (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const CITY = 'city-d';
  const unit: Record<string, string> = {};
  const as = (roles: Role[], code?: string) => async (method: string, path: string, body?: unknown) => sut.request(method, path, await sut.token(CITY, roles, code), body);
  const admin = () => as(['tenant-admin']);
  const dispatcher = () => as(['dispatcher']);
  const setActive = (code: string, active: boolean) => admin()('PATCH', `/v1/units/${unit[code]}`, { active });
  const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);
  const queued = async () => ((await dispatcher()('GET', '/v1/dispatch-queue')).body.items as Array<{ requestId: string; reason: string }>);

  /** A request of `category` accepted by intake, once the catalog dispatched it or queued it. */
  async function accepted(category: string, outcome: 'dispatched' | 'queued') {
    const brief = requestBrief({ categoryCode: category, areaCode: '320102' });
    await publishEvent(sut, Events.intake.requestAccepted, CITY, { request: brief });
    if (outcome === 'dispatched') await eventFor(sut, Events.dispatch.requestDispatched, CITY, brief.requestId);
    else await eventFor(sut, Events.dispatch.requestQueued, CITY, brief.requestId);
    return brief.requestId;
  }
  const unitsOf = async (requestId: string) =>
    ((await as(['supervisor'])('GET', `/v1/dispatches/${requestId}`)).body.assignments as Array<{ unitCode: string; role: string }>).map((a) => `${a.unitCode}:${a.role}`);

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    const register = async (code: string, level: string, areaCodes: string[], parent?: string) => {
      const res = await admin()('POST', '/v1/units', { code, name: `${code} 单位`, level, areaCodes, ...(parent ? { parentId: unit[parent] } : {}) });
      expect(res.status).toBe(201);
      expect(res.body.active).toBe(true);
      unit[code] = res.body.id;
    };
    await register('CITY-OFFICE', 'city', ['3201']);
    await register('HOUSING', 'department', ['3201'], 'CITY-OFFICE');
    await register('ENV', 'department', ['3201'], 'CITY-OFFICE');
    await register('WATER', 'department', ['3201'], 'CITY-OFFICE');
    const published = await admin()('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '01', areaCode: '*', primaryUnitId: unit['HOUSING'], assistingUnitIds: [unit['ENV']] },
        { categoryCode: '02', areaCode: '*', primaryUnitId: unit['WATER'], assistingUnitIds: [unit['ENV']] },
      ],
    });
    expect(published.status).toBe(200);
  });

  afterAll(() => sut?.close());

  it('deactivates a unit, announced by UnitChanged with the flag; the catalog then queues its requests and the dispatcher may not choose it', async () => {
    const before = await accepted('010101', 'dispatched');
    expect(await unitsOf(before)).toEqual(['HOUSING:primary', 'ENV:assisting']);

    const off = await setActive('HOUSING', false);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ code: 'HOUSING', active: false });
    const listed = (await dispatcher()('GET', '/v1/units')).body.items as Array<{ code: string; active: boolean }>;
    expect(listed.find((u) => u.code === 'HOUSING')?.active).toBe(false);
    expect(listed.find((u) => u.code === 'ENV')?.active).toBe(true);
    const [changed] = await eventually('UnitChanged', async () => {
      const found = (await eventsOnStream(sut, Events.dispatch.unitChanged, CITY)).filter((e) => e.unit?.id === unit['HOUSING']);
      return found.length > 0 ? found : undefined;
    });
    expect(changed).toMatchObject({ unit: { code: 'HOUSING', active: false }, changedFields: ['active'], changedBy: `${CITY}:user` });

    // The catalog names it as primary: the request waits for a dispatcher, the reason naming it,
    // and the catalog preview agrees.
    const after = await accepted('010102', 'queued');
    expect((await queued()).find((i) => i.requestId === after)?.reason).toContain('HOUSING is deactivated');
    const preview = await as(['agent'])('GET', '/v1/catalog/match?categoryCode=010102&areaCode=320102');
    expect(preview.body).toMatchObject({ matched: false, primary: null });
    expect(preview.body.reason).toContain('HOUSING');

    // A dispatcher choosing it, as primary or assisting: 409 naming the field and the unit; the request still waits.
    for (const [body, field] of [
      [{ primaryUnitId: unit['HOUSING'] }, 'primaryUnitId'],
      [{ primaryUnitId: unit['WATER'], assistingUnitIds: [unit['ENV'], unit['HOUSING']] }, 'assistingUnitIds.1'],
    ] as Array<[unknown, string]>) {
      const refused = await dispatcher()('POST', `/v1/dispatch-queue/${after}/assign`, body);
      expect(refused.status).toBe(409);
      expect(refused.type).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'unit_inactive' });
      expect(refused.body.detail).toContain('HOUSING');
      expect(fieldsOf(refused)).toEqual([field]);
    }
    expect((await queued()).map((i) => i.requestId)).toContain(after);
    const placed = await dispatcher()('POST', `/v1/dispatch-queue/${after}/assign`, { primaryUnitId: unit['WATER'] });
    expect(placed.status).toBe(200);

    // What it already has goes on: the earlier dispatch stands, and the unit may still return it.
    expect(await unitsOf(before)).toEqual(['HOUSING:primary', 'ENV:assisting']);
    const returned = await sut.request('POST', `/v1/dispatches/${before}/returns`, await sut.token(CITY, ['unit-leader'], 'HOUSING'), {
      reasonCode: 'not-our-duty', basis: '本单位已撤并，职责划入水务局',
    });
    expect(returned.status).toBe(201);
  });

  it('leaves a deactivated assisting unit out of a catalog dispatch, and refuses it in a catalog, a negotiation or an escalation', async () => {
    expect((await setActive('ENV', false)).status).toBe(200);
    const requestId = await accepted('020101', 'dispatched');
    expect(await unitsOf(requestId)).toEqual(['WATER:primary']);
    const preview = await as(['agent'])('GET', '/v1/catalog/match?categoryCode=020101&areaCode=320102');
    expect(preview.body).toMatchObject({ matched: true, primary: { code: 'WATER' }, assisting: [] });

    // A catalog naming a deactivated unit would give it new work: refused, the version in force kept.
    const version = (await admin()('GET', '/v1/catalog')).body.version as number;
    const republished = await admin()('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '01', areaCode: '*', primaryUnitId: unit['WATER'] },
        { categoryCode: '02', areaCode: '*', primaryUnitId: unit['WATER'], assistingUnitIds: [unit['ENV']] },
      ],
    });
    expect(republished.status).toBe(409);
    expect(republished.body.code).toBe('unit_inactive');
    expect(fieldsOf(republished)).toEqual(['entries.1.assistingUnitIds.0']);
    expect((await admin()('GET', '/v1/catalog')).body.version).toBe(version);

    // A negotiation among candidates one of whom is deactivated.
    const waiting = await accepted('030101', 'queued');
    const negotiation = await dispatcher()('POST', '/v1/negotiations', { requestId: waiting, candidateUnitIds: [unit['WATER'], unit['ENV']] });
    expect(negotiation.status).toBe(409);
    expect(fieldsOf(negotiation)).toEqual(['candidateUnitIds.1']);

    // An escalation to a deactivated coordinating unit, found above the primary or named.
    expect((await setActive('CITY-OFFICE', false)).status).toBe(200);
    for (const body of [{ reason: '多部门职责交叉' }, { reason: '多部门职责交叉', toUnitId: unit['CITY-OFFICE'] }]) {
      const escalated = await dispatcher()('POST', `/v1/dispatches/${requestId}/escalation`, body);
      expect(escalated.status).toBe(409);
      expect(escalated.body.detail).toContain('CITY-OFFICE');
      expect(fieldsOf(escalated)).toEqual(['toUnitId']);
    }
    expect(await unitsOf(requestId)).toEqual(['WATER:primary']);
  });

  it('reactivates a unit: the catalog chooses it again; the flag is a boolean, set by the tenant-admin only', async () => {
    expect((await as(['dispatcher'])('PATCH', `/v1/units/${unit['HOUSING']}`, { active: true })).status).toBe(403);
    const bad = await admin()('PATCH', `/v1/units/${unit['HOUSING']}`, { active: 'yes' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['active']);

    for (const code of ['HOUSING', 'ENV']) expect((await setActive(code, true)).body.active).toBe(true);
    const requestId = await accepted('010103', 'dispatched');
    expect(await unitsOf(requestId)).toEqual(['HOUSING:primary', 'ENV:assisting']);
    const changes = await eventually('UnitChanged back to active', async () => {
      const found = (await eventsOnStream(sut, Events.dispatch.unitChanged, CITY)).filter((e) => e.unit?.id === unit['HOUSING']);
      return found.length === 2 ? found : undefined;
    });
    expect(changes.map((e) => e.unit?.active)).toEqual([false, true]);
    // Setting what it already is changes nothing and announces nothing.
    expect((await setActive('HOUSING', true)).status).toBe(200);
    const [{ n }] = await queryAsTenant<{ n: number }>(sut.db.url, CITY, `select count(*)::int as n from outbox where event_type = $1 and aggregate_id = $2`, [Events.dispatch.unitChanged.type, unit['HOUSING']]);
    expect(n).toBe(2);
  });
});
