import { status } from '@grpc/grpc-js';
import { eventFilter, Events, eventSubject, handlingV1, streamOf } from '@hotline/contracts';
import { callUnary, createGrpcClient, RunningService } from '@hotline/platform';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { handlingService } from '../src/handling.service';

const { ClockUnit, Counting } = handlingV1;

describe('handling service (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let service: RunningService;
  let namespace: string;
  const token = (...args: Parameters<ServiceUnderTest['token']>) => sut.token(...args);
  const request = (...args: Parameters<ServiceUnderTest['request']>) => sut.request(...args);
  const dueAt = async (tenantId: string, body: object) => {
    const res = await request('POST', '/v1/deadlines/compute', await token(tenantId, ['agent']), body);
    expect(res.status).toBe(200);
    return res.body.dueAt;
  };
  const fields = (body: { errors: Array<{ field: string }> }) => body.errors.map((e) => e.field);

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
    ({ service, namespace } = sut);
  });

  afterAll(() => sut?.close());

  it('is live and ready', async () => {
    expect((await request('GET', '/healthz')).status).toBe(200);
    expect(await request('GET', '/readyz')).toMatchObject({ status: 200, body: { checks: { database: 'ok', nats: 'ok' } } });
  });

  it('keeps its deployed durable consumers (names and filters) and adds the one on intake status changes', async () => {
    const consumers = [
      ['dispatch', 'handling--hl-dispatch-v1--request-dispatched', Events.dispatch.requestDispatched],
      ['revisit', 'handling--hl-revisit-v1--answer-reviewed', Events.revisit.answerReviewed],
      ['intake', 'handling--hl-intake-v1--request-status-changed', Events.intake.requestStatusChanged],
    ] as const;
    for (const [producer, durable, event] of consumers) {
      const info = await service.context.bus.jsm.consumers.info(streamOf(namespace, producer).name, durable);
      expect(info.config.filter_subject).toBe(eventFilter(namespace, event));
    }
  });

  it('computes deadlines on the national calendar for a tenant without overrides', async () => {
    expect((await request('GET', '/v1/calendar', await token('city-a', ['tenant-admin']))).body).toEqual({
      timeZone: 'Asia/Shanghai', extraHolidays: [], extraWorkingDays: [], updatedAt: null,
    });
    // Fri 01-24; Sat 01-25 off; Sun 01-26 is a 调休 make-up working day (day 1); Mon 01-27 is day 2.
    const springFestival = await request('POST', '/v1/deadlines/compute', await token('city-a', ['agent']), {
      startAt: '2025-01-24T10:00:00+08:00', unit: 'working-days', amount: 2, counting: 'from-next-day',
    });
    expect(springFestival.body).toEqual({ dueAt: '2025-01-27T16:00:00.000Z', timeZone: 'Asia/Shanghai', calendarDataComplete: true });
    // 含本数: Fri 01-24 is day 1, Sun 01-26 day 2, so due at the start of Mon 01-27.
    expect(await dueAt('city-a', { startAt: '2025-01-24T10:00:00+08:00', unit: 'working-days', amount: 2, counting: 'from-receipt' }))
      .toBe('2025-01-26T16:00:00.000Z');
    // Oct 1–8 is the National Day / Mid-Autumn holiday: day 1 is Thu 10-09, due at the start of 10-10.
    expect(await dueAt('city-a', { startAt: '2025-09-30T10:00:00+08:00', unit: 'working-days', amount: 1 }))
      .toBe('2025-10-09T16:00:00.000Z');
    // 11:00–12:00 and 13:30–14:30 on Mon 03-03.
    expect(await dueAt('city-a', { startAt: '2025-03-03T11:00:00+08:00', unit: 'working-hours', amount: 2 }))
      .toBe('2025-03-03T06:30:00.000Z');
    expect(await dueAt('city-a', { startAt: '2025-01-24T10:00:00+08:00', unit: 'calendar-minutes', amount: 30 }))
      .toBe('2025-01-24T02:30:00.000Z');
  });

  it('reports whether the calendar had holiday data for every year crossed', async () => {
    const agent = await token('city-a', ['agent']);
    // Wed 2026-12-30: day 1 is Thu 12-31, so due is 2027-01-01 00:00 local and no 2027 day was consulted.
    const yearEnd = await request('POST', '/v1/deadlines/compute', agent, { startAt: '2026-12-30T10:00:00+08:00', unit: 'working-days', amount: 1 });
    expect(yearEnd.body).toMatchObject({ dueAt: '2026-12-31T16:00:00.000Z', calendarDataComplete: true });
    // Five days run into 2027, which has no data: Fri 01-01 counts as a plain weekday (12-31, 01-01, 01-04, 01-05, 01-06).
    const into2027 = await request('POST', '/v1/deadlines/compute', agent, { startAt: '2026-12-30T10:00:00+08:00', unit: 'working-days', amount: 5 });
    expect(into2027.body).toMatchObject({ dueAt: '2027-01-06T16:00:00.000Z', calendarDataComplete: false });
  });

  it('applies a tenant calendar to that tenant only', async () => {
    const adminA = await token('city-a', ['tenant-admin']);
    const march = { startAt: '2025-03-03T10:00:00+08:00', unit: 'working-days' };
    // Mon 03-03, national calendar: Tue 04, Wed 05, Thu 06 → due at the start of Fri 03-07.
    expect(await dueAt('city-a', { ...march, amount: 3 })).toBe('2025-03-06T16:00:00.000Z');

    const put = await request('PUT', '/v1/calendar', adminA, { extraHolidays: ['2025-03-05', '2025-03-05'], extraWorkingDays: ['2025-03-08'] });
    expect(put).toMatchObject({
      status: 200,
      body: { timeZone: 'Asia/Shanghai', extraHolidays: ['2025-03-05'], extraWorkingDays: ['2025-03-08'] },
    });
    expect((await request('GET', '/v1/calendar', await token('city-a', ['unit-operator']))).body).toEqual(put.body);

    // Wed 03-05 is now a day off: Tue 04, Thu 06, Fri 07 → due at the start of Sat 03-08.
    expect(await dueAt('city-a', { ...march, amount: 3 })).toBe('2025-03-07T16:00:00.000Z');
    // Sat 03-08 is now a working day and becomes day 4 → due at the start of Sun 03-09.
    expect(await dueAt('city-a', { ...march, amount: 4 })).toBe('2025-03-08T16:00:00.000Z');
    // Tenant B still has the national calendar: 04, 05, 06, 07 → due at the start of Sat 03-08.
    expect(await dueAt('city-b', { ...march, amount: 3 })).toBe('2025-03-06T16:00:00.000Z');
    expect(await dueAt('city-b', { ...march, amount: 4 })).toBe('2025-03-07T16:00:00.000Z');
    expect((await request('GET', '/v1/calendar', await token('city-b', ['tenant-admin']))).body.updatedAt).toBeNull();
    expect(await service.context.dataSource.query('select * from tenant_calendars')).toEqual([]);
  });

  it('reads local days in the tenant time zone', async () => {
    const admin = await token('city-u', ['tenant-admin']);
    const put = await request('PUT', '/v1/calendar', admin, { timeZone: 'asia/urumqi' });
    expect(put.body).toMatchObject({ timeZone: 'Asia/Urumqi', extraHolidays: [] });
    // Mon 03-03 in UTC+6: Tue, Wed, Thu → due at 2025-03-07 00:00+06:00.
    const res = await request('POST', '/v1/deadlines/compute', await token('city-u', ['dispatcher']), {
      startAt: '2025-03-03T10:00:00+06:00', unit: 'working-days', amount: 3,
    });
    expect(res.body).toEqual({ dueAt: '2025-03-06T18:00:00.000Z', timeZone: 'Asia/Urumqi', calendarDataComplete: true });
  });

  it('answers bad input with a 400 problem naming each field, and writes nothing', async () => {
    const admin = await token('city-c', ['tenant-admin']);
    const bad = await request('PUT', '/v1/calendar', admin, {
      timeZone: 'Mars/Olympus', extraHolidays: ['2025-03-01', '2025-02-30'], extraWorkingDays: 'x', extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['timeZone', 'extraHolidays.1', 'extraWorkingDays']));
    const both = await request('PUT', '/v1/calendar', admin, { extraHolidays: ['2025-03-05'], extraWorkingDays: ['2025-03-05'] });
    expect(both).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(fields(both.body)).toEqual(['extraWorkingDays']);
    expect((await request('GET', '/v1/calendar', admin)).body.updatedAt).toBeNull();
    const events = await service.context.dataSource.query(`select count(*)::int as n from outbox where tenant_id = 'city-c'`);
    expect(events[0].n).toBe(0);

    const compute = await request('POST', '/v1/deadlines/compute', admin, { startAt: '2025-01-24T10:00:00', unit: 'weeks', amount: 0 });
    expect(compute.status).toBe(400);
    expect(fields(compute.body)).toEqual(expect.arrayContaining(['startAt', 'unit', 'amount']));
    for (const amount of [1.5, -1, 10_001, '2'])
      expect(fields((await request('POST', '/v1/deadlines/compute', admin, { startAt: '2025-01-24T10:00:00Z', unit: 'working-days', amount })).body))
        .toEqual(['amount']);
    const badCounting = await request('POST', '/v1/deadlines/compute', admin, {
      startAt: '2025-01-24T10:00:00Z', unit: 'working-days', amount: 1, counting: 'next-week',
    });
    expect(fields(badCounting.body)).toEqual(['counting']);
  });

  it('checks authentication and roles', async () => {
    const body = { startAt: '2025-01-24T10:00:00+08:00', unit: 'working-days', amount: 1 };
    expect((await request('POST', '/v1/deadlines/compute', undefined, body)).status).toBe(401);
    expect((await request('GET', '/v1/calendar', 'not-a-jwt')).status).toBe(401);
    for (const role of ['agent', 'dispatcher', 'unit-operator', 'unit-leader', 'supervisor', 'tenant-admin'] as const)
      expect((await request('POST', '/v1/deadlines/compute', await token('city-b', [role]), body)).status).toBe(200);
    expect((await request('POST', '/v1/deadlines/compute', await token('city-b', ['reviewer']), body)).status).toBe(403);
    expect((await request('GET', '/v1/calendar', await token('city-b', ['agent']))).status).toBe(403);
    expect((await request('PUT', '/v1/calendar', await token('city-b', ['supervisor']), {})).status).toBe(403);
    expect((await request('GET', '/v1/calendar', await token('city-b', ['tenant-admin']))).body.updatedAt).toBeNull();
  });

  it('serves the ComputeDeadline gRPC query to the bearer token\'s tenant, with the roles of POST /v1/deadlines/compute', async () => {
    const client = createGrpcClient(handlingV1.HandlingServiceClient, service.grpcAddress);
    const computeWith = (credential: { token?: string; tenantId?: string }, request: Partial<handlingV1.ComputeDeadlineRequest>) =>
      callUnary(client, client.computeDeadline, {
        startAt: '2025-03-03T10:00:00+08:00', unit: ClockUnit.CLOCK_UNIT_WORKING_DAYS, amount: 3,
        counting: Counting.COUNTING_UNSPECIFIED, ...request,
      }, credential);
    const compute = async (tenantId: string, request: Partial<handlingV1.ComputeDeadlineRequest>) =>
      computeWith({ token: await token(tenantId, ['unit-operator']) }, request);
    try {
      expect(await compute('city-a', {})).toEqual({ dueAt: '2025-03-07T16:00:00.000Z', timeZone: 'Asia/Shanghai', calendarDataComplete: true });
      expect((await compute('city-b', {})).dueAt).toBe('2025-03-06T16:00:00.000Z');
      expect((await compute('city-b', { startAt: '2025-01-24T10:00:00+08:00', amount: 2, counting: Counting.COUNTING_FROM_NEXT_DAY })).dueAt)
        .toBe('2025-01-27T16:00:00.000Z');
      expect((await compute('city-b', { startAt: '2025-01-24T10:00:00+08:00', amount: 2, counting: Counting.COUNTING_FROM_RECEIPT })).dueAt)
        .toBe('2025-01-26T16:00:00.000Z');
      expect((await compute('city-a', { startAt: '2025-03-03T11:00:00+08:00', unit: ClockUnit.CLOCK_UNIT_WORKING_HOURS, amount: 2 })).dueAt)
        .toBe('2025-03-03T06:30:00.000Z');
      expect((await compute('city-a', { unit: ClockUnit.CLOCK_UNIT_CALENDAR_MINUTES, amount: 90 })).dueAt).toBe('2025-03-03T03:30:00.000Z');
      for (const bad of [{ unit: ClockUnit.CLOCK_UNIT_UNSPECIFIED }, { amount: 0 }, { amount: -2 }, { startAt: 'yesterday' }])
        await expect(compute('city-a', bad)).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
      await expect(computeWith({ tenantId: 'city-a' }, {})).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
      await expect(computeWith({ token: await token('city-a', ['reviewer']) }, {})).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
      await expect(computeWith({ token: await token('city-b', ['agent']), tenantId: 'city-a' }, {})).rejects.toMatchObject({
        code: status.PERMISSION_DENIED,
      });
    } finally {
      client.close();
    }
  });

  it('publishes CalendarChanged events through the outbox to its own stream', async () => {
    const stream = streamOf(namespace, 'handling').name;
    const info = await eventually('two events on the stream', async () => {
      const i = await service.context.bus.jsm.streams.info(stream);
      return i.state.messages >= 2 ? i : undefined;
    });
    expect(info.state.messages).toBe(2);
    const last = await service.context.bus.jsm.streams.getMessage(stream, {
      last_by_subj: eventSubject(namespace, Events.handling.calendarChanged, 'city-a'),
    });
    if (!last) throw new Error('no CalendarChanged event for city-a');
    expect(Events.handling.calendarChanged.codec.decode(last.data)).toMatchObject({
      timeZone: 'Asia/Shanghai', extraHolidays: ['2025-03-05'], extraWorkingDays: ['2025-03-08'],
    });
  });
});
