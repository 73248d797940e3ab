// ADR 0038: analytics counts a tenant's days in the tenant's own time zone, kept from intake's
// TenantChanged (Asia/Shanghai until one arrives): receipt days, order days, the rate rollups,
// the call rollup, the reports and their schedule. A zone that changes after facts were stored
// has them counted again; an older TenantChanged arriving late, or one delivered again, changes
// nothing. Real PostgreSQL and NATS.
import { EventDefinition, Events, intakeEventsV1 } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { analyticsService } from '../src/analytics.service';
import { REPORT_DUE_TIMER } from '../src/reports/report-schedule';
import { keepReportSchedules } from '../src/reports/report-schedule.worker';
import { eventsOf, PlannedEvent, PRODUCER_ORDER, RequestPlan } from './lifecycle-scenario';
import { analyticsDrained } from './support/drained';

const URUMQI = 'Asia/Urumqi'; // UTC+6 all year
const D = '2026-03-02';
// 23:30 on 2 March in Urumqi: already 01:30 on 3 March in Shanghai.
const LATE_EVENING = '2026-03-02T17:30:00Z';

const tenantChanged = (code: string, timeZone: string, changedAt: string): intakeEventsV1.TenantChanged => ({
  tenant: { code, name: code, kind: 'city', regionCode: '6501', timeZone, status: 'active', createdAt: '2026-01-01T00:00:00Z' },
  changedAt,
  changedBy: 'province-operator',
});

/** A request received late in the evening, answered on time by one unit and revisited satisfied. */
const lateRequest = (requestId: string): RequestPlan => ({
  requestId, category: 'C01', receivedAt: LATE_EVENING, day: D, areaCode: '650102',
  orders: [{ workOrderId: `${requestId}-w`, unitId: 'u-1', unitName: '市城管局', role: 'primary', signedOnTime: true, answers: [{ onTime: true, hours: 3, passes: true }] }],
  revisit: { resolved: true, satisfaction: 'satisfied', resolution: 'resolved' },
  closed: true,
});

const lateCall = (callId: string): intakeEventsV1.CallRecorded => ({
  callId, queue: 'general', offeredAt: LATE_EVENING, answeredAt: '2026-03-02T17:30:08Z', endedAt: '2026-03-02T17:33:00Z', outcome: 'request',
  answerTimelySeconds: 15, shortAbandonSeconds: 5, shortAbandonsCounted: false, callbackId: '', callbackOpened: false, callbackDueAt: '', recordedAt: '2026-03-02T17:33:01Z',
});

describe("tenants' time zones in analytics (real PostgreSQL and NATS)", () => {
  let sut: ServiceUnderTest;
  const publishAll = async (tenant: string, events: PlannedEvent[]) => {
    for (const e of events) await publishEvent(sut, e.def as EventDefinition<unknown>, tenant, e.payload);
  };
  const requestEvents = (r: RequestPlan) => PRODUCER_ORDER.flatMap((p) => eventsOf(r)[p]);
  const get = async (tenant: string, path: string) => {
    const res = await sut.as(tenant, ['supervisor'])('GET', path);
    expect(res.status).toBe(200);
    return res.body;
  };
  const received = async (tenant: string, day: string) => (await get(tenant, `/v1/metrics/statuses?from=${day}&to=${day}`)).total;
  const rateDays = async (tenant: string) =>
    (await get(tenant, '/v1/metrics/rates?groupBy=day')).items.map((i: { key: string; requests?: number; workOrders: number; validEvaluations: number }) => [i.key, i.workOrders, i.validEvaluations]);
  const dailyReport = async (tenant: string, date: string) => {
    const posted = await sut.as(tenant, ['supervisor'])('POST', '/v1/reports', { period: 'daily', date });
    expect(posted.status).toBe(201);
    return { summary: posted.body, report: (await get(tenant, `/v1/reports/${posted.body.id}`)).report };
  };
  const zoneOf = (tenant: string) =>
    sut.service.context.db.read(tenant, (m) => m.query(`select time_zone from tenant_settings`)).then((rows: Array<{ time_zone: string }>) => rows[0]?.time_zone);

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService, { env: { STREAM_DUPLICATE_WINDOW_MS: '300' } });
  });
  afterAll(() => sut?.close());

  it('counts a request received at 23:30 local on its own day for a tenant in Urumqi', async () => {
    const T = 'city-urumqi';
    await publishEvent(sut, Events.intake.tenantChanged, T, tenantChanged(T, URUMQI, '2026-01-01T00:00:00Z'));
    await analyticsDrained(sut);
    await publishAll(T, requestEvents(lateRequest('u-r1')));
    await publishEvent(sut, Events.intake.callRecorded, T, lateCall('u-c1'));
    await analyticsDrained(sut);

    expect(await zoneOf(T)).toBe(URUMQI);
    expect(await received(T, D)).toBe(1);
    expect(await received(T, '2026-03-03')).toBe(0);
    expect(await rateDays(T)).toEqual([[D, 1, 1]]);
    const { summary, report } = await dailyReport(T, D);
    expect(summary).toMatchObject({ timeZone: URUMQI, periodStart: D });
    expect(report).toMatchObject({ timeZone: URUMQI, volumes: { received: 1 } });
    expect(report.rates.find((r: { code: string }) => r.code === 'satisfaction')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(report.calls.total).toMatchObject({ calls: 1, answered: 1, answeredInTime: 1, answerRate: { numerator: 1, denominator: 1, rate: 1 } });

    // Its reports are scheduled at the end of its own day: 18:00 UTC, plus the hour for late events
    // (a day far ahead, so that no timer of the test comes due and runs its chain).
    await keepReportSchedules(sut.service.context, new Date('2099-03-02T12:00:00Z'));
    const [timer]: Array<{ due_at: Date }> = await sut.service.context.dataSource.query(
      `select due_at from timers where kind = $1 and key = $2`,
      [REPORT_DUE_TIMER, `${T}:daily:2099-03-02`],
    );
    expect(new Date(timer!.due_at).toISOString()).toBe('2099-03-02T19:00:00.000Z');
  });

  it('counts a tenant still unknown in Asia/Shanghai, and counts its days again when its zone arrives', async () => {
    const T = 'city-moves';
    await publishAll(T, requestEvents(lateRequest('m-r1')));
    await publishEvent(sut, Events.intake.callRecorded, T, lateCall('m-c1'));
    await analyticsDrained(sut);
    expect(await zoneOf(T)).toBeUndefined();
    expect(await received(T, '2026-03-03')).toBe(1);
    expect(await rateDays(T)).toEqual([['2026-03-03', 1, 1]]);
    expect((await dailyReport(T, '2026-03-03')).report).toMatchObject({ timeZone: 'Asia/Shanghai', volumes: { received: 1 }, calls: { total: { calls: 1 } } });

    const changedId = await publishEvent(sut, Events.intake.tenantChanged, T, tenantChanged(T, URUMQI, '2026-03-05T00:00:00Z'));
    await analyticsDrained(sut);
    expect(await zoneOf(T)).toBe(URUMQI);
    expect(await received(T, D)).toBe(1);
    expect(await received(T, '2026-03-03')).toBe(0);
    // The rate rollups were rebuilt on the new days: the same figures, on 2 March.
    expect(await rateDays(T)).toEqual([[D, 1, 1]]);
    const moved = (await dailyReport(T, D)).report;
    expect(moved).toMatchObject({ timeZone: URUMQI, volumes: { received: 1 }, calls: { total: { calls: 1, answered: 1 } } });
    expect((await dailyReport(T, '2026-03-03')).report.calls.total.calls).toBe(0);

    // An older change arriving late (Asia/Shanghai as of February) changes nothing …
    await publishEvent(sut, Events.intake.tenantChanged, T, tenantChanged(T, 'Asia/Shanghai', '2026-02-01T00:00:00Z'));
    // … nor the same change delivered again after the stream's dedup window.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await publishEvent(sut, Events.intake.tenantChanged, T, tenantChanged(T, URUMQI, '2026-03-05T00:00:00Z'), changedId);
    await analyticsDrained(sut);
    expect(await zoneOf(T)).toBe(URUMQI);
    expect(await received(T, D)).toBe(1);
    expect(await rateDays(T)).toEqual([[D, 1, 1]]);
    const calls = await sut.service.context.db.read(T, (m) => m.query(`select day::text as day, calls from call_rollups`));
    expect(calls).toEqual([{ day: D, calls: 1 }]);
  });

  it('refuses a TenantChanged naming another tenant than its subject, or a zone that is none', async () => {
    await publishEvent(sut, Events.intake.tenantChanged, 'city-x1', tenantChanged('city-x2', URUMQI, '2026-03-05T00:00:00Z'));
    await publishEvent(sut, Events.intake.tenantChanged, 'city-x3', tenantChanged('city-x3', 'Mars/Olympus', '2026-03-05T00:00:00Z'));
    // Refused a few times with backoff, then recorded for a person.
    const letters = await eventually('both recorded as dead letters', async () => {
      const rows: Array<{ error: string }> = await sut.service.context.dataSource.query(
        `select error from dead_letters where event_type = $1 and consumer like '%--all' order by error`,
        [Events.intake.tenantChanged.type],
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(letters.map((l) => l.error)).toEqual([expect.stringContaining("announced on city-x1's subject"), expect.stringContaining('Mars/Olympus')]);
    expect(await zoneOf('city-x2')).toBeUndefined();
    expect(await zoneOf('city-x3')).toBeUndefined();
  });
});
