// Issue 14 × issue 17 (ADR 0038): intake's call events reach analytics' read model through the
// inbox, into a rollup per tenant × local day × queue, and the daily report gains its 话务
// section — 人工接通率 and 人工应答及时率 per queue with their numerators and denominators, in the
// JSON snapshot, the CSV and the printable page — whatever order the events come in, and a
// redelivered event changes nothing. Real PostgreSQL and NATS.
import { Events, intakeEventsV1, streamOf } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { analyticsService } from '../src/analytics.service';
import { analyticsDrained } from './support/drained';

const T = 'city-calls-a';
const OTHER = 'city-calls-b';
const D = '2026-03-02';

type Policy = Pick<intakeEventsV1.CallRecorded, 'answerTimelySeconds' | 'shortAbandonSeconds' | 'shortAbandonsCounted'>;
const DEFAULT_POLICY: Policy = { answerTimelySeconds: 15, shortAbandonSeconds: 5, shortAbandonsCounted: false };

/** CallRecorded of a call offered at hh:mm:ss Shanghai time on day D, waiting `wait` seconds. */
function recorded(callId: string, at: string, wait: number, outcome: string, extra: Partial<intakeEventsV1.CallRecorded> = {}): intakeEventsV1.CallRecorded {
  const offered = new Date(`${D}T${at}+08:00`);
  const answered = outcome === 'abandoned' ? null : new Date(offered.getTime() + wait * 1000);
  const ended = new Date(offered.getTime() + wait * 1000 + (answered ? 60_000 : 0));
  return {
    callId, queue: 'general', offeredAt: offered.toISOString(), answeredAt: answered?.toISOString() ?? '', endedAt: ended.toISOString(), outcome,
    ...DEFAULT_POLICY, callbackId: '', callbackOpened: false, callbackDueAt: '', recordedAt: ended.toISOString(), ...extra,
  };
}
const opening = (callbackId: string) => ({ callbackId, callbackOpened: true, callbackDueAt: `${D}T12:00:00Z` });
const mark = (callId: string, outcome: string, markedAt: string): intakeEventsV1.CallOutcomeChanged => ({ callId, outcome, requestId: '', markedAt, markedBy: 'agent-1' });
const resolved = (call: intakeEventsV1.CallRecorded, state: string): intakeEventsV1.CallbackResolved => ({
  callbackId: call.callbackId, queue: call.queue, state, firstAbandonedAt: call.endedAt, dueAt: call.callbackDueAt, closedAt: `${D}T13:00:00Z`,
  attempts: 1, abandonedCalls: 1, firstCallId: call.callId,
});

// Queue general: c1 answered in 10 s (marked a request later), c2 in 20 s (marked silent: a
// non-request), c5 in exactly 15 s (harassment, as the telephony said); c3 abandoned after 30 s
// (its callback reached), c4 after 3 s (a short abandon, left out of the offered calls), c6 after
// 50 s (the caller called again and was answered). Queue enterprise, recorded under a policy of
// 20 s that counts short abandons: e1 answered in 16 s (in time under it), e2 abandoned after 2 s
// (short, counted), e3 after 40 s (its callback unreachable). c7 is offered after midnight.
const ENTERPRISE: Policy = { answerTimelySeconds: 20, shortAbandonSeconds: 5, shortAbandonsCounted: true };
const c1 = recorded('c1', '09:00:00', 10, 'answered');
const c2 = recorded('c2', '09:10:00', 20, 'answered');
const c3 = recorded('c3', '10:00:00', 30, 'abandoned', opening('cb1'));
const c4 = recorded('c4', '10:05:00', 3, 'abandoned');
const c5 = recorded('c5', '11:00:00', 15, 'harassment');
const c6 = recorded('c6', '23:58:00', 50, 'abandoned', opening('cb3'));
const c7 = recorded('c7', '23:59:59', 20, 'answered', { offeredAt: '2026-03-02T16:00:10Z', answeredAt: '2026-03-02T16:00:20Z', endedAt: '2026-03-02T16:02:00Z' });
const e1 = recorded('e1', '14:00:00', 16, 'wrong-number', { queue: 'enterprise', ...ENTERPRISE });
const e2 = recorded('e2', '14:05:00', 2, 'abandoned', { queue: 'enterprise', ...ENTERPRISE });
const e3 = recorded('e3', '14:10:00', 40, 'abandoned', { queue: 'enterprise', ...ENTERPRISE, ...opening('cb2') });

const rate = (numerator: number, denominator: number, value: number | null) => ({ numerator, denominator, rate: value });

describe('call figures in the reports (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const ids = new Map<string, string>();
  const publish = async <P>(key: string, def: Parameters<typeof publishEvent<P>>[1], payload: P, tenant = T) =>
    ids.set(key, await publishEvent(sut, def, tenant, payload));
  const daily = async (tenant = T) => {
    const posted = await sut.as(tenant, ['supervisor'])('POST', '/v1/reports', { period: 'daily', date: D });
    expect(posted.status).toBe(201);
    return { id: posted.body.id as string, report: (await sut.as(tenant, ['supervisor'])('GET', `/v1/reports/${posted.body.id}`)).body.report };
  };
  const raw = async (path: string) => {
    const res = await fetch(`${sut.service.httpUrl}${path}`, { headers: { authorization: `Bearer ${await sut.token(T, ['supervisor'])}` } });
    return res.text();
  };

  beforeAll(async () => {
    // A short dedup window lets the test redeliver a message id through JetStream to the inbox.
    sut = await startServiceUnderTest(analyticsService, { env: { STREAM_DUPLICATE_WINDOW_MS: '300' } });
    // Out of order on purpose: c2's mark and cb2's closure come before their calls.
    await publish('m2', Events.intake.callOutcomeChanged, mark('c2', 'silent', `${D}T02:00:00Z`));
    await publish('r-cb2', Events.intake.callbackResolved, resolved(e3, 'unreachable'));
    for (const c of [c1, c2, c3, c4, c5, c6, c7, e1, e2, e3]) await publish(c.callId, Events.intake.callRecorded, c);
    await publish('m1', Events.intake.callOutcomeChanged, mark('c1', 'request', `${D}T02:30:00Z`));
    // An older mark of c1 arriving late: the newer one stands.
    await publish('m1-old', Events.intake.callOutcomeChanged, mark('c1', 'silent', `${D}T02:20:00Z`));
    await publish('r-cb1', Events.intake.callbackResolved, resolved(c3, 'reached'));
    await publish('r-cb3', Events.intake.callbackResolved, resolved(c6, 'caller-returned'));
    await publish('other', Events.intake.callRecorded, recorded('x1', '09:00:00', 5, 'answered'), OTHER);
    await analyticsDrained(sut);
  });
  afterAll(() => sut?.close());

  it('applies every call event: none refused into dead_letters', async () => {
    expect(await sut.service.context.dataSource.query(`select event_type, error from dead_letters`)).toEqual([]);
  });

  it('gives the day’s 话务 per queue and in total, each rate with its numerator and denominator', async () => {
    const { report } = await daily();
    expect(report.calls.queues).toEqual([
      {
        queue: 'enterprise', calls: 3, offered: 3, answered: 1, answeredInTime: 1, abandoned: 2, shortAbandoned: 1, shortExcluded: 0, nonRequest: 1,
        callbacksDue: 1, callbacksDone: 0,
        answerRate: rate(1, 3, 0.3333), timelyAnswerRate: rate(1, 1, 1), abandonRate: rate(2, 3, 0.6667), callbackRate: rate(0, 1, 0),
      },
      {
        queue: 'general', calls: 6, offered: 5, answered: 3, answeredInTime: 2, abandoned: 3, shortAbandoned: 1, shortExcluded: 1, nonRequest: 2,
        callbacksDue: 2, callbacksDone: 2,
        answerRate: rate(3, 5, 0.6), timelyAnswerRate: rate(2, 3, 0.6667), abandonRate: rate(2, 5, 0.4), callbackRate: rate(2, 2, 1),
      },
    ]);
    expect(report.calls.total).toEqual({
      calls: 9, offered: 8, answered: 4, answeredInTime: 3, abandoned: 5, shortAbandoned: 2, shortExcluded: 1, nonRequest: 3, callbacksDue: 3, callbacksDone: 2,
      answerRate: rate(4, 8, 0.5), timelyAnswerRate: rate(3, 4, 0.75), abandonRate: rate(4, 8, 0.5), callbackRate: rate(2, 3, 0.6667),
    });
    const line = (code: string) => report.comparison.items.find((c: { code: string }) => c.code === code);
    expect(line('answerRate')).toMatchObject({ current: 0.5, previous: null });
    expect(line('callsOffered')).toMatchObject({ current: 8, previous: 0 });
    // c7 entered the queue after midnight: the next day's.
    const next = (await sut.as(T, ['supervisor'])('POST', '/v1/reports', { period: 'daily', date: '2026-03-03' })).body;
    const nextReport = (await sut.as(T, ['supervisor'])('GET', `/v1/reports/${next.id}`)).body.report;
    expect(nextReport.calls.total).toMatchObject({ calls: 1, answered: 1, answeredInTime: 1 });
    const weekly = (await sut.as(T, ['supervisor'])('POST', '/v1/reports', { period: 'weekly', date: D })).body;
    expect((await sut.as(T, ['supervisor'])('GET', `/v1/reports/${weekly.id}`)).body.report.calls.total).toMatchObject({ calls: 10, answered: 5, offered: 9 });
  });

  it('puts the 话务 section in the CSV and on the printable page', async () => {
    const { id } = await daily();
    const csv = (await raw(`/v1/reports/${id}.csv`)).slice(1).split('\r\n');
    const at = csv.findIndex((l) => l.startsWith('[calls] '));
    expect(at).toBeGreaterThan(0);
    expect(csv[at + 1]!.split(',').slice(0, 4)).toEqual(['队列', '进入队列来电', '来电呼入总量', '人工接听']);
    expect(csv[at + 2]!.split(',')).toEqual(['enterprise', '3', '3', '1', '1', '2', '1', '0', '1', '1', '3', '0.3333', '1', '1', '1', '1', '0', '0']);
    expect(csv[at + 4]!.split(',')).toEqual(['合计', '9', '8', '4', '3', '5', '2', '1', '3', '4', '8', '0.5', '3', '4', '0.75', '3', '2', '0.6667']);
    const html = await raw(`/v1/reports/${id}/print`);
    expect(html).toContain('话务（人工接通率、人工应答及时率');
    expect(html).toContain('来电呼入 8 通，人工接听 4 通，人工接通率50.00%（4/8），人工应答及时率75.00%（3/4）；应回拨 3 通，已回拨 2 通。');
  });

  it('changes nothing when an event is delivered again, however late', async () => {
    const before = (await daily()).report.calls;
    const stream = streamOf(sut.namespace, 'intake').name;
    const stored = async () => (await sut.service.context.bus.jsm.streams.info(stream)).state.messages;
    const storedBefore = await stored();
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the stream's dedup window: the inbox alone decides
    await publishEvent(sut, Events.intake.callRecorded, T, c3, ids.get('c3'));
    await publishEvent(sut, Events.intake.callbackResolved, T, resolved(c3, 'reached'), ids.get('r-cb1'));
    await publishEvent(sut, Events.intake.callOutcomeChanged, T, mark('c2', 'silent', `${D}T02:00:00Z`), ids.get('m2'));
    await analyticsDrained(sut);
    // JetStream took all three again (a redelivery, as after its window), so the consumer saw them.
    expect(await stored()).toBe(storedBefore + 3);
    const inbox: Array<{ n: number }> = await sut.service.context.dataSource.query(`select count(*)::int as n from inbox where message_id = any($1)`, [
      [ids.get('c3'), ids.get('r-cb1'), ids.get('m2')],
    ]);
    expect(inbox[0]!.n).toBe(3);
    expect((await daily()).report.calls).toEqual(before);
    // The rollup is what the facts say, redeliveries and the order of arrival notwithstanding.
    const rollup = await sut.service.context.db.read(T, (m) => m.query(`select queue, calls, non_request, callbacks_due, callbacks_done from call_rollups order by day, queue`));
    expect(rollup).toEqual([
      { queue: 'enterprise', calls: 3, non_request: 1, callbacks_due: 1, callbacks_done: 0 },
      { queue: 'general', calls: 6, non_request: 2, callbacks_due: 2, callbacks_done: 2 },
      { queue: 'general', calls: 1, non_request: 0, callbacks_due: 0, callbacks_done: 0 },
    ]);
  });

  it('keeps each tenant to its own calls', async () => {
    const { report } = await daily(OTHER);
    expect(report.calls.queues.map((q: { queue: string; calls: number }) => [q.queue, q.calls])).toEqual([['general', 1]]);
    expect(report.calls.total).toMatchObject({ calls: 1, offered: 1, answered: 1, answerRate: rate(1, 1, 1) });
  });
});
