import { Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { dispatchService } from '../src/dispatch.service';
import { eventFor, eventsOnStream, requestBrief } from './dispatch-test-helpers';

// 协商 (issue 11): when the lead unit is unclear the hotline opens a negotiation among candidate
// units with a deadline; their answers settle 主办 and 协办 when exactly one takes the lead,
// otherwise (or once it lapsed) the hotline decides; either way the request is dispatched.
describe('negotiation of the lead unit (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const CITY = 'city-n';
  const unit: Record<string, string> = {};
  const as = (roles: Role[], code?: string) => async (method: string, path: string, body?: unknown) =>
    sut.request(method, path, await sut.token(CITY, roles, code), body);
  const dispatcher = as(['dispatcher']);
  const answer = (id: string, code: string, stance: string, note = '依据本单位权责清单') =>
    as(['unit-operator'], code)('POST', `/v1/negotiations/${id}/responses`, { stance, note });
  const open = (requestId: string, codes: string[], extra: Record<string, unknown> = {}) =>
    dispatcher('POST', '/v1/negotiations', { requestId, candidateUnitIds: codes.map((c) => unit[c]), ...extra });
  const dispatchOf = async (requestId: string) => (await as(['supervisor'])('GET', `/v1/dispatches/${requestId}`)).body;
  const changes = async (negotiationId: string) =>
    (await eventsOnStream(sut, Events.dispatch.negotiationChanged, CITY)).filter((e) => e.negotiationId === negotiationId).map((e) => e.state);

  /** A request the catalog has no entry for: it waits in the queue. */
  async function waiting(): Promise<string> {
    const brief = requestBrief({ categoryCode: '990101', areaCode: '320102001' });
    await publishEvent(sut, Events.intake.requestAccepted, CITY, { request: brief });
    await eventFor(sut, Events.dispatch.requestQueued, CITY, brief.requestId);
    return brief.requestId;
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    for (const [code, level] of [['HOUSING', 'department'], ['WATER', 'department'], ['PARKS', 'department'], ['STREET', 'street']]) {
      const res = await as(['tenant-admin'])('POST', '/v1/units', { code, name: `${code} 单位`, level, areaCodes: ['320102'] });
      unit[code!] = res.body.id;
    }
  });

  afterAll(() => sut?.close());

  it('settles itself when every candidate answered and one takes the lead: the request is dispatched with the assisting ones', async () => {
    const requestId = await waiting();
    const opened = await open(requestId, ['HOUSING', 'WATER', 'PARKS']);
    expect(opened).toMatchObject({ status: 201, body: { state: 'open', responses: [], request: { number: '3201-20250124-000042', categoryCode: '990101' } } });
    expect(Date.parse(opened.body.dueAt) - Date.parse(opened.body.openedAt)).toBe(24 * 3_600_000);
    const id = opened.body.id as string;
    expect((await answer(id, 'HOUSING', 'lead')).body.state).toBe('open');
    expect((await answer(id, 'WATER', 'assist')).body.state).toBe('open');
    const last = await answer(id, 'PARKS', 'not-ours', '非本单位职责,联系电话 13812345678');
    expect(last.body).toMatchObject({ state: 'settled', outcome: 'agreed', primaryUnitId: unit['HOUSING'], assistingUnitIds: [unit['WATER']], settledBy: 'system:dispatch' });
    expect(JSON.stringify(last.body)).not.toContain('13812345678');
    expect(last.body.candidates.map((c: { unitCode: string }) => c.unitCode)).toEqual(['HOUSING', 'WATER', 'PARKS']);
    expect(last.body.responses.map((r: { unitCode: string; stance: string }) => `${r.unitCode}:${r.stance}`)).toEqual(['HOUSING:lead', 'WATER:assist', 'PARKS:not-ours']);
    expect(await dispatchOf(requestId)).toMatchObject({
      mode: 'manual', assignments: [{ unitCode: 'HOUSING', role: 'primary' }, { unitCode: 'WATER', role: 'assisting' }],
    });
    expect((await dispatcher('GET', '/v1/dispatch-queue?limit=100')).body.items.map((i: { requestId: string }) => i.requestId)).not.toContain(requestId);
    await eventually('open and settled on the stream', async () => (await changes(id)).join() === 'open,settled');

    // After it settled: answering, settling again or opening another are refused.
    expect(await answer(id, 'HOUSING', 'assist')).toMatchObject({ status: 409, body: { code: 'negotiation_settled' } });
    expect(await dispatcher('POST', `/v1/negotiations/${id}/settlement`, { primaryUnitId: unit['WATER'] })).toMatchObject({ status: 409, body: { code: 'already_settled' } });
    expect((await open(requestId, ['HOUSING', 'WATER'])).status).toBe(404);
  });

  it('lapses at its deadline without agreement, and the hotline decides', async () => {
    const requestId = await waiting();
    const id = (await open(requestId, ['HOUSING', 'WATER'], { hours: 2 })).body.id as string;
    await answer(id, 'HOUSING', 'lead');
    expect((await answer(id, 'WATER', 'lead')).body.state).toBe('open');
    await sut.service.context.dataSource.query(`update timers set due_at = now() where kind = 'negotiation-due' and key = $1`, [id]);
    await eventually('lapsed', async () => (await dispatcher('GET', `/v1/negotiations/${id}`)).body.state === 'lapsed');
    expect(await answer(id, 'PARKS', 'lead')).toMatchObject({ status: 409 });
    const decided = await as(['supervisor'])('POST', `/v1/negotiations/${id}/settlement`, { primaryUnitId: unit['WATER'], assistingUnitIds: [unit['HOUSING']] });
    expect(decided.body).toMatchObject({ state: 'settled', outcome: 'decided', primaryUnitId: unit['WATER'] });
    expect((await dispatchOf(requestId)).assignments[0]).toMatchObject({ unitCode: 'WATER', role: 'primary' });
    await eventually('open, lapsed, settled', async () => (await changes(id)).join() === 'open,lapsed,settled');
  });

  it('leaves an agreement that breaks a dispatch rule to the hotline, and is settled by a dispatcher placing the request from the queue', async () => {
    const requestId = await waiting();
    const id = (await open(requestId, ['STREET', 'HOUSING'])).body.id as string;
    await answer(id, 'STREET', 'lead');
    // A street unit on a duty no catalog entry marks territorial: no push-down, no settlement.
    const agreed = await answer(id, 'HOUSING', 'assist');
    expect(agreed.body).toMatchObject({ state: 'open', responses: [{ stance: 'lead' }, { stance: 'assist' }] });
    expect((await as(['supervisor'])('GET', `/v1/dispatches/${requestId}`)).status).toBe(404);
    const placed = await dispatcher('POST', `/v1/dispatch-queue/${requestId}/assign`, { primaryUnitId: unit['HOUSING'] });
    expect(placed.status).toBe(200);
    expect((await dispatcher('GET', `/v1/negotiations/${id}`)).body).toMatchObject({ state: 'settled', outcome: 'decided', primaryUnitId: unit['HOUSING'] });
    expect((await dispatcher('GET', '/v1/negotiations?state=settled')).body.items.map((n: { id: string }) => n.id)).toContain(id);
  });

  it('refuses bad input naming the field, outsiders and second answers, with nothing changed', async () => {
    const requestId = await waiting();
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ candidateUnitIds: [unit['HOUSING']] }, 'candidateUnitIds'],
      [{ candidateUnitIds: [unit['HOUSING'], unit['HOUSING']] }, 'candidateUnitIds.1'],
      [{ candidateUnitIds: [unit['HOUSING'], '01234567-89ab-4def-8123-456789abcdef'] }, 'candidateUnitIds.1'],
      [{ candidateUnitIds: [unit['HOUSING'], unit['WATER']], hours: 0 }, 'hours'],
      [{ candidateUnitIds: [unit['HOUSING'], unit['WATER']], lead: unit['HOUSING'] }, 'lead'],
    ];
    for (const [body, field] of bad) {
      const res = await dispatcher('POST', '/v1/negotiations', { requestId, ...body });
      expect([res.status, JSON.stringify(res.body)]).toEqual([400, expect.stringContaining(field)]);
    }
    expect((await dispatcher('GET', '/v1/negotiations?state=open')).body.items.filter((n: { requestId: string }) => n.requestId === requestId)).toEqual([]);
    const id = (await open(requestId, ['HOUSING', 'WATER'])).body.id as string;
    expect(await open(requestId, ['HOUSING', 'PARKS'])).toMatchObject({ status: 409, body: { code: 'negotiation_open' } });
    expect((await answer(id, 'PARKS', 'lead')).status).toBe(403);
    expect((await answer(id, 'HOUSING', 'maybe')).status).toBe(400);
    expect((await answer(id, 'HOUSING', 'lead')).status).toBe(201);
    expect(await answer(id, 'HOUSING', 'assist')).toMatchObject({ status: 409, body: { code: 'already_answered' } });
    expect((await as(['unit-operator'], 'WATER')('POST', `/v1/negotiations/${id}/settlement`, { primaryUnitId: unit['WATER'] })).status).toBe(403);
    const view = (await dispatcher('GET', `/v1/negotiations/${id}`)).body;
    expect(view).toMatchObject({ state: 'open', responses: [{ unitId: unit['HOUSING'], stance: 'lead' }] });
    // A candidate's staff see it among their unit's negotiations; another unit's staff do not.
    const mine = (code: string) => as(['unit-operator'], code)('GET', '/v1/negotiations?state=open');
    expect((await mine('WATER')).body.items.map((n: { id: string }) => n.id)).toContain(id);
    expect((await mine('PARKS')).body.items.map((n: { id: string }) => n.id)).not.toContain(id);
    expect((await as(['unit-operator'], 'PARKS')('GET', `/v1/negotiations/${id}`)).status).toBe(404);
    expect((await as(['unit-operator'], 'WATER')('GET', `/v1/negotiations/${id}`)).status).toBe(200);
  });
});
