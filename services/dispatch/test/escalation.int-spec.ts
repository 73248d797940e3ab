import { Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { dispatchService } from '../src/dispatch.service';
import { eventFor, eventsOnStream, requestBrief } from './dispatch-test-helpers';

// 提级统筹 (issue 11): the hotline takes a hard case up the unit tree to a coordinating unit
// (district government, city office), which becomes the primary unit of a new, designated
// dispatch attempt; the assisting units stay.
describe('escalation up the unit tree (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const CITY = 'city-e';
  const unit: Record<string, string> = {};
  const as = (roles: Role[], code?: string) => async (method: string, path: string, body?: unknown) =>
    sut.request(method, path, await sut.token(CITY, roles, code), body);
  const escalate = (requestId: string, body: unknown, roles: Role[] = ['dispatcher']) => as(roles)('POST', `/v1/dispatches/${requestId}/escalation`, body);
  const dispatchOf = async (requestId: string) => (await as(['supervisor'])('GET', `/v1/dispatches/${requestId}`)).body;
  const escalations = async (requestId: string) => (await as(['supervisor'])('GET', `/v1/dispatches/${requestId}/escalations`)).body.items;

  /** A request of category `category` in `area`, once the catalog has dispatched (or queued) it. */
  async function accepted(category = '010101', area = '320102') {
    const brief = requestBrief({ categoryCode: category, areaCode: area });
    await publishEvent(sut, Events.intake.requestAccepted, CITY, { request: brief });
    if (category.startsWith('01')) await eventFor(sut, Events.dispatch.requestDispatched, CITY, brief.requestId);
    else await eventFor(sut, Events.dispatch.requestQueued, CITY, brief.requestId);
    return brief.requestId;
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    const admin = as(['tenant-admin']);
    const register = async (code: string, level: string, areaCodes: string[], parent?: string) => {
      const res = await admin('POST', '/v1/units', { code, name: `${code} 单位`, level, areaCodes, ...(parent ? { parentId: unit[parent] } : {}) });
      expect(res.status).toBe(201);
      unit[code] = res.body.id;
    };
    await register('CITY-OFFICE', 'city', ['3201']);
    await register('XUANWU-GOV', 'district', ['320102'], 'CITY-OFFICE');
    await register('HOUSING', 'department', ['3201'], 'CITY-OFFICE');
    await register('WATER', 'department', ['3201'], 'CITY-OFFICE');
    await admin('PUT', '/v1/catalog', { entries: [{ categoryCode: '01', areaCode: '*', primaryUnitId: unit['HOUSING'], assistingUnitIds: [unit['WATER']] }] });
  });

  afterAll(() => sut?.close());

  it('escalates to the nearest coordinating unit above the primary one: a designated attempt, the assisting units kept, the reason masked', async () => {
    const requestId = await accepted();
    const res = await escalate(requestId, { reason: '涉及多部门职责交叉,住建局协调不了;联系人 13812345678' });
    expect(res.status).toBe(201);
    expect(res.body.dispatch).toMatchObject({
      mode: 'escalated', attempt: 2, designated: true,
      assignments: [{ unitCode: 'CITY-OFFICE', role: 'primary' }, { unitCode: 'WATER', role: 'assisting' }],
    });
    expect(res.body.escalation).toMatchObject({ attempt: 2, fromUnitId: unit['HOUSING'], toUnitId: unit['CITY-OFFICE'], escalatedBy: expect.stringContaining(CITY) });
    expect(res.body.escalation.reason).not.toContain('13812345678');
    expect(await escalations(requestId)).toEqual([res.body.escalation]);
    const event = await eventually('the escalated dispatch', async () =>
      (await eventsOnStream(sut, Events.dispatch.requestDispatched, CITY)).find((e) => e.request?.requestId === requestId && e.attempt === 2));
    expect(event).toMatchObject({ mode: 'escalated', designated: true });
    expect(JSON.stringify(event)).not.toContain('协调不了');
    // The coordinating unit must handle it: it cannot return it.
    const returned = await as(['unit-operator'], 'CITY-OFFICE')('POST', `/v1/dispatches/${requestId}/returns`, { reasonCode: 'not-our-duty', basis: '非本单位' });
    expect(returned).toMatchObject({ status: 409, body: { code: 'designated' } });
    // Nothing stands above the city office.
    const top = await escalate(requestId, { reason: '再提级' }, ['supervisor']);
    expect(top).toMatchObject({ status: 409, body: { code: 'no_coordinating_unit' } });
  });

  it('escalates to a named coordinating unit that covers the area', async () => {
    const requestId = await accepted('010101', '320102003');
    const res = await escalate(requestId, { reason: '需区政府统筹', toUnitId: unit['XUANWU-GOV'] });
    expect(res.status).toBe(201);
    expect(res.body.dispatch.assignments[0]).toMatchObject({ unitCode: 'XUANWU-GOV', role: 'primary' });
  });

  it('refuses bad escalations naming the field or the reason, with nothing changed', async () => {
    const requestId = await accepted();
    const before = await dispatchOf(requestId);
    const cases: Array<[unknown, number, string, Role[]?]> = [
      [{ reason: '提级', toUnitId: unit['WATER'] }, 400, 'toUnitId'],
      [{ reason: '提级', toUnitId: '01234567-89ab-4def-8123-456789abcdef' }, 400, 'toUnitId'],
      [{ toUnitId: unit['CITY-OFFICE'] }, 400, 'reason'],
      [{ reason: '   ' }, 400, 'reason'],
      [{ reason: '提级', level: 'city' }, 400, 'level'],
      [{ reason: '提级' }, 403, 'forbidden', ['unit-leader']],
    ];
    for (const [body, status, named, roles] of cases) {
      const res = await escalate(requestId, body, roles);
      expect([res.status, JSON.stringify(res.body)]).toEqual([status, expect.stringContaining(named)]);
    }
    expect(await dispatchOf(requestId)).toEqual(before);
    expect(await escalations(requestId)).toEqual([]);
    const waiting = await accepted('990101');
    expect(await escalate(waiting, { reason: '提级' })).toMatchObject({ status: 409, body: { code: 'waiting_for_dispatch' } });
    expect((await escalate('01234567-89ab-4def-8123-456789abcdef', { reason: '提级' })).status).toBe(404);
    // Nobody's request, or another tenant's: not found, not an empty list.
    expect((await as(['supervisor'])('GET', '/v1/dispatches/01234567-89ab-4def-8123-456789abcdef/escalations')).status).toBe(404);
    const theirs = await sut.request('GET', `/v1/dispatches/${requestId}/escalations`, await sut.token('city-other', ['supervisor']));
    expect(theirs.status).toBe(404);
  });
});
