import { Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { dispatchService } from '../src/dispatch.service';
import { eventFor, requestBrief } from './dispatch-test-helpers';

// 66号文 (五): 职能部门 matters must not be dispatched to 基层. A street/township unit takes only the
// duties a catalog entry marks territorial (属地), from the catalog or from a dispatcher.
describe('no push-down of department duties to street/township units (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const CITY = 'city-p';
  const unit: Record<string, string> = {};
  const admin = () => sut.as(CITY, ['tenant-admin']);
  const dispatcher = () => sut.as(CITY, ['dispatcher']);
  const fields = (res: { body: { errors?: Array<{ field: string }> } }) => res.body.errors?.map((e) => e.field);

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    for (const [code, level, area] of [['DEPT', 'department', '3201'], ['XJK', 'street', '320102001'], ['HHL', 'street', '320102001']]) {
      const res = await admin()('POST', '/v1/units', { code, name: `${code} 单位`, areaCodes: [area], level });
      expect(res.body.level).toBe(level);
      unit[code] = res.body.id;
    }
  });

  afterAll(() => sut?.close());

  it('refuses catalog entries giving a department duty to a street unit, as primary or assisting; publishes nothing', async () => {
    const refused = await admin()('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '01', areaCode: '*', primaryUnitId: unit['XJK'] },
        { categoryCode: '02', areaCode: '*', primaryUnitId: unit['DEPT'], assistingUnitIds: [unit['HHL']] },
        { categoryCode: '0101', areaCode: '320102001', primaryUnitId: unit['XJK'], territorial: true },
      ],
    });
    expect(refused.status).toBe(400);
    expect(fields(refused)).toEqual(['entries.0.primaryUnitId', 'entries.1.assistingUnitIds.0']);
    expect((await admin()('GET', '/v1/catalog')).status).toBe(404);
  });

  it('lets a street unit take a territorial duty, and refuses a dispatcher sending it any other', async () => {
    const published = await admin()('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '0101', areaCode: '320102001', primaryUnitId: unit['XJK'], territorial: true },
        { categoryCode: '02', areaCode: '*', primaryUnitId: unit['DEPT'] },
      ],
    });
    expect(published.body.entries.map((e: { territorial: boolean }) => e.territorial)).toEqual([true, false]);

    // No entry for 03: a dispatcher places it, not with a street unit.
    const queued = requestBrief({ categoryCode: '030101', areaCode: '320102001' });
    await publishEvent(sut, Events.intake.requestAccepted, CITY, { request: queued });
    await eventFor(sut, Events.dispatch.requestQueued, CITY, queued.requestId);
    const pushedDown = await dispatcher()('POST', `/v1/dispatch-queue/${queued.requestId}/assign`, { primaryUnitId: unit['XJK'] });
    expect(pushedDown.status).toBe(400);
    expect(fields(pushedDown)).toEqual(['primaryUnitId']);
    expect((await dispatcher()('GET', '/v1/dispatch-queue')).body.items.map((i: { requestId: string }) => i.requestId)).toContain(queued.requestId);
    expect((await dispatcher()('POST', `/v1/dispatch-queue/${queued.requestId}/assign`, { primaryUnitId: unit['DEPT'] })).status).toBe(200);

    // A territorial matter goes to the street by the catalog; after an accepted return, a dispatcher
    // may re-dispatch it to another street unit.
    const territorial = requestBrief({ categoryCode: '010101', areaCode: '320102001' });
    await publishEvent(sut, Events.intake.requestAccepted, CITY, { request: territorial });
    const dispatched = await eventFor(sut, Events.dispatch.requestDispatched, CITY, territorial.requestId);
    expect(dispatched.assignments.map((a) => a.unitCode)).toEqual(['XJK']);
    const returned = await sut.request('POST', `/v1/dispatches/${territorial.requestId}/returns`, await sut.token(CITY, ['unit-leader'], 'XJK'), {
      reasonCode: 'wrong-territory', basis: '该地址属华侨路街道辖区',
    });
    expect(returned.status).toBe(201);
    await dispatcher()('POST', `/v1/returns/${returned.body.id}/decision`, { decision: 'accept', note: '核实属华侨路街道' });
    const redispatched = await dispatcher()('POST', `/v1/dispatch-queue/${territorial.requestId}/assign`, { primaryUnitId: unit['HHL'] });
    expect(redispatched.body).toMatchObject({ attempt: 2, assignments: [{ unitCode: 'HHL' }] });
  });
});
