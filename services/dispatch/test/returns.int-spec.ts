import { Events } from '@hotline/contracts';
import { returnCalendar, returnWindowDue } from '@hotline/dispatch-domain';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually, queryAsTenant } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { dispatchService } from '../src/dispatch.service';
import { eventFor, eventsOnStream, requestBrief } from './dispatch-test-helpers';

describe('returns (退单), dispute review (争议审核), re-dispatch (改派) and designation (指定办理) (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const unit: Record<string, string> = {};
  const CITY = 'city-r';
  const dispatcher = () => sut.as(CITY, ['dispatcher']);
  /** A call by staff of one unit (the `unit` claim carries its code). */
  const asUnit = (code: string | undefined, tenant = CITY, roles: Role[] = ['unit-operator']) =>
    async (method: string, path: string, body?: unknown) => sut.request(method, path, await sut.token(tenant, roles, code), body);
  const basis = '《城市道路管理条例》第三条:道路养护属市政部门职责';
  const returnOf = (requestId: string, code: string, reasonCode = 'not-our-duty', tenant = CITY) =>
    asUnit(code, tenant)('POST', `/v1/dispatches/${requestId}/returns`, { reasonCode, basis });
  const decide = (returnId: string, decision: 'accept' | 'reject', note = '经审核,职责归属明确', tenant = CITY) =>
    sut.as(tenant, ['dispatcher'])('POST', `/v1/returns/${returnId}/decision`, { decision, note });
  const dispatchOf = async (requestId: string, tenant = CITY) => (await sut.as(tenant, ['supervisor'])('GET', `/v1/dispatches/${requestId}`)).body;
  const waiting = async () => (await dispatcher()('GET', '/v1/dispatch-queue')).body.items.map((i: { requestId: string }) => i.requestId);
  /** Every return recorded, in both tenants (row-level security applies to the test's reads too). */
  const returnRows = async () => {
    let n = 0;
    for (const tenant of [CITY, 'city-s'])
      n += (await queryAsTenant<{ n: number }>(sut.db.url, tenant, `select count(*)::int as n from dispatch_returns`))[0].n;
    return n;
  };

  /** A request the catalog gives to HOUSING, once its dispatch is recorded. */
  async function dispatched(tenant = CITY) {
    const brief = requestBrief({ categoryCode: '010101' });
    await publishEvent(sut, Events.intake.requestAccepted, tenant, { request: brief });
    await eventFor(sut, Events.dispatch.requestDispatched, tenant, brief.requestId);
    return brief.requestId;
  }

  /** Files a return by `code` and has the hotline accept it: the request waits for re-dispatch. */
  async function returnedAndAccepted(requestId: string, code: string) {
    const filed = await returnOf(requestId, code);
    expect(filed.status).toBe(201);
    expect((await decide(filed.body.id, 'accept')).status).toBe(200);
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    for (const tenant of [CITY, 'city-s']) {
      for (const code of ['HOUSING', 'STREET', 'WATER', 'PARKS']) {
        const res = await sut.as(tenant, ['tenant-admin'])('POST', '/v1/units', { code, name: `${code} 单位`, areaCodes: ['320102'] });
        unit[`${tenant}:${code}`] = res.body.id;
      }
      await sut.as(tenant, ['tenant-admin'])('PUT', '/v1/catalog', {
        entries: [{ categoryCode: '01', areaCode: '*', primaryUnitId: unit[`${tenant}:HOUSING`], assistingUnitIds: [unit[`${tenant}:STREET`]] }],
      });
    }
  });

  afterAll(() => sut?.close());

  it('accepts a return inside the window and re-dispatches to another unit, never to the returning one', async () => {
    const requestId = await dispatched();
    const before = await dispatchOf(requestId);
    expect(before).toMatchObject({ attempt: 1, designated: false, excludedUnitIds: [] });

    const filed = await returnOf(requestId, 'HOUSING', 'wrong-territory');
    expect(filed).toMatchObject({ status: 201, body: { attempt: 1, status: 'in-review', reasonCode: 'wrong-territory', basis, unit: { unitCode: 'HOUSING' } } });
    expect(filed.body.windowDueAt).toBe(returnWindowDue(returnCalendar(), new Date(before.dispatchedAt), 1).toISOString());
    const event = await eventually('ReturnFiled', async () =>
      (await eventsOnStream(sut, Events.dispatch.returnFiled, CITY)).find((e) => e.returnId === filed.body.id));
    expect(event).toMatchObject({ requestId, attempt: 1, reasonCode: 'wrong-territory', unit: { unitCode: 'HOUSING' } });
    expect(JSON.stringify(event)).not.toContain('城市道路管理条例');
    expect(await waiting()).not.toContain(requestId);

    const accepted = await decide(filed.body.id, 'accept', '属地核实:不属该单位辖区');
    expect(accepted.body).toMatchObject({ status: 'accepted', decidedBy: expect.any(String), decisionNote: '属地核实:不属该单位辖区' });
    expect(await waiting()).toContain(requestId);
    expect((await dispatchOf(requestId)).excludedUnitIds).toEqual([unit[`${CITY}:HOUSING`]]);
    const decided = await eventually('ReturnDecided', async () =>
      (await eventsOnStream(sut, Events.dispatch.returnDecided, CITY)).find((e) => e.returnId === filed.body.id));
    expect(decided).toMatchObject({ requestId, outcome: 'accepted', attempt: 1, unit: { unitCode: 'HOUSING' } });

    // Back to the returning unit, as 主办 or 协办: refused, nothing changed.
    for (const body of [
      { primaryUnitId: unit[`${CITY}:HOUSING`] },
      { primaryUnitId: unit[`${CITY}:WATER`], assistingUnitIds: [unit[`${CITY}:HOUSING`]] },
    ]) {
      const refused = await dispatcher()('POST', `/v1/dispatch-queue/${requestId}/assign`, body);
      expect(refused.status).toBe(400);
      expect(refused.type).toContain('application/problem+json');
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([body.assistingUnitIds ? 'assistingUnitIds.0' : 'primaryUnitId']);
    }
    expect((await dispatchOf(requestId)).attempt).toBe(1);

    const again = await dispatcher()('POST', `/v1/dispatch-queue/${requestId}/assign`, { primaryUnitId: unit[`${CITY}:WATER`] });
    expect(again.body).toMatchObject({ mode: 'manual', attempt: 2, designated: false, assignments: [{ unitCode: 'WATER', role: 'primary' }] });
    expect(await waiting()).not.toContain(requestId);
    const redispatched = await eventually('the re-dispatch', async () =>
      (await eventsOnStream(sut, Events.dispatch.requestDispatched, CITY)).find((e) => e.request?.requestId === requestId && e.attempt === 2));
    expect(redispatched.assignments.map((a) => a.unitCode)).toEqual(['WATER']);

    const history = await dispatcher()('GET', `/v1/dispatches/${requestId}/returns`);
    expect(history.body.items).toEqual([expect.objectContaining({ id: filed.body.id, status: 'accepted', decisionNote: '属地核实:不属该单位辖区' })]);
  });

  it('rejects a return: the same unit keeps the order, its dispatch and clocks unchanged; deciding twice or returning twice is refused', async () => {
    const requestId = await dispatched();
    const before = await dispatchOf(requestId);
    const filed = await returnOf(requestId, 'HOUSING');
    const rejected = await decide(filed.body.id, 'reject', '属本单位三定职责');
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '属本单位三定职责' });
    expect(await dispatchOf(requestId)).toEqual(before);
    expect(await waiting()).not.toContain(requestId);

    const rows = await returnRows();
    const twiceDecided = await decide(filed.body.id, 'accept');
    expect(twiceDecided).toMatchObject({ status: 409, body: { code: 'already_decided' } });
    const twiceReturned = await returnOf(requestId, 'HOUSING');
    expect(twiceReturned).toMatchObject({ status: 409, body: { code: 'already_returned' } });
    expect(await returnRows()).toBe(rows);
    expect(await dispatchOf(requestId)).toEqual(before);
    expect((await dispatcher()('GET', `/v1/dispatches/${requestId}/returns`)).body.items).toEqual([
      expect.objectContaining({ status: 'rejected', decidedBy: rejected.body.decidedBy }),
    ]);
  });

  it("refuses returning someone else's order, a reason the tenant does not accept, and unknown requests or returns", async () => {
    const requestId = await dispatched();
    const rows = await returnRows();
    // 协办 (STREET) is on the dispatch but is not its primary unit; a hotline token names no unit.
    expect((await returnOf(requestId, 'STREET')).status).toBe(403);
    expect((await asUnit(undefined)('POST', `/v1/dispatches/${requestId}/returns`, { reasonCode: 'not-our-duty', basis })).status).toBe(403);
    expect((await returnOf(requestId, 'HOUSING', 'not-our-duty', 'city-s')).status).toBe(404);
    expect((await returnOf(requestId, 'HOUSING', 'no-such-reason')).body.errors).toEqual([expect.objectContaining({ field: 'reasonCode' })]);
    const noBasis = await asUnit('HOUSING')('POST', `/v1/dispatches/${requestId}/returns`, { reasonCode: 'not-our-duty', basis: ' ' });
    expect(noBasis.body.errors.map((e: { field: string }) => e.field)).toEqual(['basis']);
    expect((await decide('0190a0a0-0000-7000-8000-000000000999', 'accept')).status).toBe(404);
    expect((await sut.as(CITY, ['dispatcher'])('POST', `/v1/dispatches/${requestId}/returns`, { reasonCode: 'not-our-duty', basis })).status).toBe(403);
    expect(await returnRows()).toBe(rows);
    expect(rows).toBeGreaterThan(0);

    // A tenant that narrowed its list refuses the others, naming the field.
    await sut.as('city-s', ['tenant-admin'])('PUT', '/v1/return-policy', {
      returnWindowWorkingDays: 1, maxDispatchAttempts: 3, returnReasons: ['not-our-duty'],
    });
    const narrowed = await dispatched('city-s');
    const refused = await returnOf(narrowed, 'HOUSING', 'ownership-unclear', 'city-s');
    expect(refused).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'reasonCode' })] } });
    expect(await returnRows()).toBe(rows);
  });

  it('closes the tenant-configured return window in working days; after it the unit must handle the order', async () => {
    expect((await sut.as(CITY, ['tenant-admin'])('GET', '/v1/return-policy')).body).toMatchObject({
      returnWindowWorkingDays: 1, maxDispatchAttempts: 3, configured: false,
    });
    const put = await sut.as('city-s', ['tenant-admin'])('PUT', '/v1/return-policy', {
      returnWindowWorkingDays: 2, maxDispatchAttempts: 3, returnReasons: ['not-our-duty', 'wrong-territory'],
    });
    expect(put.body).toMatchObject({ returnWindowWorkingDays: 2, configured: true });
    const shandong = await dispatched('city-s');
    const dispatchedAt = new Date((await dispatchOf(shandong, 'city-s')).dispatchedAt);
    const filed = await returnOf(shandong, 'HOUSING', 'not-our-duty', 'city-s');
    expect(filed.body.windowDueAt).toBe(returnWindowDue(returnCalendar(), dispatchedAt, 2).toISOString());

    // Three weeks have passed since the dispatch (its instant moved back, as time would).
    const late = await dispatched();
    const moved = await queryAsTenant(sut.db.url, CITY, `update dispatches set dispatched_at = now() - interval '21 days' where request_id = $1 returning 1`, [late]);
    expect(moved).toHaveLength(1);
    const rows = await returnRows();
    const refused = await returnOf(late, 'HOUSING');
    expect(refused).toMatchObject({ status: 409, body: { code: 'return_window_closed' } });
    expect(await returnRows()).toBe(rows);
  });

  it('designates the unit of the third dispatch (Tianjin default): its return is refused', async () => {
    const requestId = await dispatched();
    await returnedAndAccepted(requestId, 'HOUSING');
    expect((await dispatcher()('POST', `/v1/dispatch-queue/${requestId}/assign`, { primaryUnitId: unit[`${CITY}:WATER`] })).body.attempt).toBe(2);
    await returnedAndAccepted(requestId, 'WATER');
    expect((await dispatcher()('POST', `/v1/dispatch-queue/${requestId}/assign`, { primaryUnitId: unit[`${CITY}:WATER`] })).status).toBe(400);
    const third = await dispatcher()('POST', `/v1/dispatch-queue/${requestId}/assign`, { primaryUnitId: unit[`${CITY}:PARKS`] });
    expect(third.body).toMatchObject({ attempt: 3, designated: true, excludedUnitIds: [unit[`${CITY}:HOUSING`], unit[`${CITY}:WATER`]] });
    const event = await eventually('the designated dispatch', async () =>
      (await eventsOnStream(sut, Events.dispatch.requestDispatched, CITY)).find((e) => e.request?.requestId === requestId && e.attempt === 3));
    expect(event.designated).toBe(true);
    const rows = await returnRows();
    expect(await returnOf(requestId, 'PARKS')).toMatchObject({ status: 409, body: { code: 'designated' } });
    expect(await returnRows()).toBe(rows);
  });

  it('keeps a first-responsible (首接负责) unit on the matters it must coordinate: no return for 权属不清 or 职能交叉, nothing written', async () => {
    // city-s accepts every reason again; its catalog makes the primary of category 02 first-responsible.
    expect((await sut.as('city-s', ['tenant-admin'])('PUT', '/v1/return-policy', {
      returnWindowWorkingDays: 1, maxDispatchAttempts: 3, returnReasons: ['not-our-duty', 'wrong-territory', 'ownership-unclear', 'overlapping-duties'],
    })).status).toBe(200);
    const put = await sut.as('city-s', ['tenant-admin'])('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '01', areaCode: '*', primaryUnitId: unit['city-s:HOUSING'], assistingUnitIds: [unit['city-s:STREET']] },
        { categoryCode: '02', areaCode: '*', primaryUnitId: unit['city-s:WATER'], firstResponsible: true },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.entries[1]).toMatchObject({ firstResponsible: true });
    const brief = requestBrief({ categoryCode: '020101' });
    await publishEvent(sut, Events.intake.requestAccepted, 'city-s', { request: brief });
    await eventFor(sut, Events.dispatch.requestDispatched, 'city-s', brief.requestId);
    expect(await dispatchOf(brief.requestId, 'city-s')).toMatchObject({ firstResponsible: true });
    const rows = await returnRows();
    for (const reason of ['overlapping-duties', 'ownership-unclear'])
      expect(await returnOf(brief.requestId, 'WATER', reason, 'city-s')).toMatchObject({ status: 409, body: { code: 'first_responsible' } });
    expect(await returnRows()).toBe(rows);
    // What is plainly not its duty it may still return, to dispute review.
    expect((await returnOf(brief.requestId, 'WATER', 'not-our-duty', 'city-s')).status).toBe(201);
    expect(await returnRows()).toBe(rows + 1);

    // The dispatcher says so on a manual dispatch of a request the catalog could not place.
    const queued = requestBrief({ categoryCode: '030101' });
    await publishEvent(sut, Events.intake.requestAccepted, 'city-s', { request: queued });
    await eventually('queued', async () =>
      (await sut.as('city-s', ['dispatcher'])('GET', '/v1/dispatch-queue')).body.items.some((i: { requestId: string }) => i.requestId === queued.requestId));
    const assigned = await sut.as('city-s', ['dispatcher'])('POST', `/v1/dispatch-queue/${queued.requestId}/assign`, {
      primaryUnitId: unit['city-s:PARKS'], firstResponsible: true,
    });
    expect(assigned.body).toMatchObject({ firstResponsible: true });
    expect(await returnOf(queued.requestId, 'PARKS', 'overlapping-duties', 'city-s')).toMatchObject({ status: 409, body: { code: 'first_responsible' } });
  });
});
