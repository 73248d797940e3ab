import { Events } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents } from './work-order-fixtures';

/** No body at all (no content type), and JSON bodies of the wrong type. */
const NO_BODY = undefined;
const WRONG_BODIES: unknown[] = [null, [], 'Asia/Urumqi', 42, true];

describe('writes refuse a missing, null or wrongly typed body, and change nothing (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
  const calendar = { timeZone: 'Asia/Urumqi', extraHolidays: ['2026-12-24'], extraWorkingDays: ['2026-12-26'] };

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  it("PUT /v1/calendar: no body, null, [] or a scalar is a 400 naming (body), and the tenant's calendar stays", async () => {
    const admin = sut.as('city-k', ['tenant-admin']);
    const set = await admin('PUT', '/v1/calendar', calendar);
    expect(set).toMatchObject({ status: 200, body: calendar });
    for (const body of [NO_BODY, ...WRONG_BODIES]) {
      const res = await admin('PUT', '/v1/calendar', body);
      expect({ body, status: res.status, fields: fields(res.body) }).toEqual({ body, status: 400, fields: ['(body)'] });
    }
    // An empty body sent as JSON is refused by the HTTP edge before any handler runs.
    const empty = await fetch(`${sut.service.httpUrl}/v1/calendar`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await sut.token('city-k', ['tenant-admin'])}`, 'content-type': 'application/json' },
      body: '',
    });
    expect({ status: empty.status, fields: fields((await empty.json()) as { errors?: Array<{ field: string }> }) }).toEqual({ status: 400, fields: ['(body)'] });
    expect((await admin('GET', '/v1/calendar')).body).toEqual({ ...calendar, updatedAt: set.body.updatedAt });
    expect(await outboxEvents(sut, Events.handling.calendarChanged, 'city-k')).toHaveLength(1);
    // `{}` is a body that says something: the national calendar unchanged.
    expect((await admin('PUT', '/v1/calendar', {})).body).toMatchObject({ timeZone: 'Asia/Shanghai', extraHolidays: [], extraWorkingDays: [] });
  });

  it('every other write of handling refuses them too, naming (body)', async () => {
    const admin = sut.as('city-k', ['tenant-admin']);
    const rules = { rules: [{ requestType: 'help', urgency: 'normal', signFor: { unit: 'working-days', amount: 2 }, handling: { unit: 'working-days', amount: 7 } }] };
    expect((await admin('PUT', '/v1/time-limits', rules)).status).toBe(200);
    const [order] = await dispatchAndWait(sut, 'city-k', dispatched(brief(), [assignment('u-k')]), 1);
    const unit = await sut.token('city-k', ['unit-operator'], 'u-k');
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/sign`, unit)).status).toBe(200);
    const agent = sut.as('city-k', ['agent']);
    const writes: Array<[string, (body: unknown) => ReturnType<typeof admin>]> = [
      ['PUT /v1/time-limits', (body) => admin('PUT', '/v1/time-limits', body)],
      ['PUT /v1/calendar/years/2900', (body) => admin('PUT', '/v1/calendar/years/2900', body)],
      ['POST /v1/deadlines/compute', (body) => agent('POST', '/v1/deadlines/compute', body)],
      ['POST /v1/work-orders/:id/answer', (body) => sut.request('POST', `/v1/work-orders/${order.id}/answer`, unit, body)],
    ];
    for (const [write, call] of writes)
      for (const body of [NO_BODY, ...WRONG_BODIES]) {
        const res = await call(body);
        expect({ write, body, status: res.status, fields: fields(res.body) }).toEqual({ write, body, status: 400, fields: ['(body)'] });
      }
    expect((await admin('GET', '/v1/time-limits')).body.items).toContainEqual(expect.objectContaining({ requestType: 'help', urgency: 'normal', signFor: { unit: 'working-days', amount: 2 } }));
    expect((await admin('GET', '/v1/calendar/status')).body.years.map((y: { year: number }) => y.year)).not.toContain(2900);
    expect((await admin('GET', `/v1/work-orders/${order.id}`)).body).toMatchObject({ status: 'in-progress', answer: null });
  });
});
