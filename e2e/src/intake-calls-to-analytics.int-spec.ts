import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { deleteNamespaceStreams, eventually, SHARED_NATS_URL, uniqueNamespace } from '@hotline/testing';
import { analyticsService } from '../../services/analytics/src/analytics.service';
import { intakeService } from '../../services/intake/src/intake.service';
import { analyticsDrained } from '../../services/analytics/test/support/drained';

// ADR 0038, across the two real services in one event namespace: a tenant registered in Urumqi
// through intake's registry, its calls recorded, marked and called back at intake; analytics'
// daily report gives the same 话务 figures as intake's own GET /v1/call-records/rates for the
// same local day, calls at 23:30 local included.
describe('intake calls → analytics 话务 (real PostgreSQL and NATS)', () => {
  const namespace = uniqueNamespace();
  let intake: ServiceUnderTest;
  let analytics: ServiceUnderTest;
  const T = 'city-6501';
  const D = '2026-03-02';

  /** A call offered at hh:mm:ss Urumqi time (UTC+6) on day D, waiting `wait` seconds. */
  const call = (callId: string, at: string, wait: number, outcome: string, extra: Record<string, unknown> = {}) => {
    const offered = new Date(`${D}T${at}+06:00`);
    const answered = outcome === 'abandoned' ? undefined : new Date(offered.getTime() + wait * 1000);
    const ended = new Date(offered.getTime() + wait * 1000 + (answered ? 60_000 : 0));
    return {
      callId, callerNumber: '13600001111', queue: 'general', offeredAt: offered.toISOString(),
      answeredAt: answered?.toISOString(), endedAt: ended.toISOString(), outcome, ...extra,
    };
  };

  beforeAll(async () => {
    intake = await startServiceUnderTest(intakeService, { namespace });
    analytics = await startServiceUnderTest(analyticsService, { namespace });
  });
  afterAll(async () => {
    await intake?.close();
    await analytics?.close();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
  });

  it("gives the report's 话务 figures equal to intake's rates for the same calls and day, in the tenant's zone", async () => {
    const registered = await intake.as('province-65', ['province-operator'])('POST', '/v1/tenants', {
      code: T, name: '乌鲁木齐 12345 热线', kind: 'city', regionCode: '650100', timeZone: 'Asia/Urumqi',
    });
    expect(registered.status).toBe(201);
    await eventually('the zone in analytics', async () => {
      const rows = await analytics.service.context.db.read(T, (m) => m.query(`select time_zone from tenant_settings`));
      return rows[0]?.time_zone === 'Asia/Urumqi' || undefined;
    });

    const telephony = intake.as(T, ['telephony']);
    const records = [
      call('u-1', '09:00:00', 8, 'answered'),
      call('u-2', '09:10:00', 25, 'answered', { callerNumber: '13600002222' }),
      call('u-3', '10:00:00', 40, 'abandoned', { callerNumber: '13600003333' }),
      call('u-4', '10:05:00', 4, 'abandoned', { callerNumber: '13600004444' }),
      call('u-5', '11:00:00', 15, 'harassment', { callerNumber: '13600005555' }),
      call('u-6', '23:30:00', 12, 'answered', { callerNumber: '13600006666', queue: 'enterprise' }),
      call('u-7', '23:40:00', 30, 'abandoned', { callerNumber: '13600007777', queue: 'enterprise' }),
      // 00:10 on 3 March in Urumqi: the next day for both.
      call('u-8', '23:59:00', 5, 'answered', { callerNumber: '13600008888', offeredAt: '2026-03-02T18:10:00Z', answeredAt: '2026-03-02T18:10:05Z', endedAt: '2026-03-02T18:12:00Z' }),
    ];
    for (const r of records) expect((await telephony('POST', '/v1/call-records', r)).status).toBe(201);
    const agent = intake.as(T, ['agent']);
    expect((await agent('POST', '/v1/call-records/u-2/outcome', { outcome: 'silent' })).status).toBe(200);
    const callback = (await intake.as(T, ['supervisor'])('GET', `/v1/call-records/u-3`)).body.callbackId as string;
    expect((await agent('POST', `/v1/callbacks/${callback}/claim`)).status).toBe(200);
    expect((await agent('POST', `/v1/callbacks/${callback}/result`, { result: 'reached' })).status).toBe(200);

    const rates = (await intake.as(T, ['supervisor'])('GET', `/v1/call-records/rates?from=${D}&to=${D}`)).body;
    expect(rates.timeZone).toBe('Asia/Urumqi');
    expect(rates.total).toMatchObject({ calls: 7, offered: 6 });

    await analyticsDrained(analytics);
    const posted = await analytics.as(T, ['supervisor'])('POST', '/v1/reports', { period: 'daily', date: D });
    expect(posted.status).toBe(201);
    const report = (await analytics.as(T, ['supervisor'])('GET', `/v1/reports/${posted.body.id}`)).body.report;
    expect(report.timeZone).toBe('Asia/Urumqi');

    // intake's {value, numerator, denominator} is the report's {rate, numerator, denominator}.
    const same = (r: { value: number | null; numerator: number; denominator: number }) => ({ rate: r.value, numerator: r.numerator, denominator: r.denominator });
    const figures = (x: Record<string, never>) => ({
      calls: x.calls, offered: x.offered, answered: x.answered, answeredInTime: x.answeredInTime, abandoned: x.abandoned, shortAbandoned: x.shortAbandoned,
    });
    const fromIntake = (x: Record<string, never>) => ({
      ...figures(x), answerRate: same(x.answerRate), timelyAnswerRate: same(x.timelyAnswerRate), abandonRate: same(x.abandonRate),
    });
    expect(report.calls.queues.map((q: { queue: string }) => q.queue)).toEqual(rates.queues.map((q: { queue: string }) => q.queue));
    for (const [i, q] of rates.queues.entries()) expect(report.calls.queues[i]).toMatchObject({ queue: q.queue, ...fromIntake(q) });
    expect(report.calls.total).toMatchObject(fromIntake(rates.total));
    // What intake's rates do not show: the non-request calls and the callbacks.
    expect(report.calls.total).toMatchObject({ nonRequest: 2, callbacksDue: 2, callbacksDone: 1 });
    expect(report.calls.total.answerRate).toEqual({ rate: 0.6667, numerator: 4, denominator: 6 });
  });
});
