import { signLocalToken } from '@hotline/platform';
import { ApiResponse, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually, TEST_AUTH_SECRET } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { CALLBACK_OVERDUE_TIMER } from '../../services/intake/src/calls/callback-overdue.timer';
import { intakeService } from '../../services/intake/src/intake.service';

// Calls from the telephony system on the real intake (PostgreSQL, NATS, durable timers): every
// call recorded once by its call id, the phone-service rates of a local day and queue, and the
// callback queue (漏接回拨) with its overdue clock. No caller number is ever answered in clear but
// by the audited exchange of a callback reference.
describe('intake calls and callbacks (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const T = 'city-calls';
  /** Every response body, to look for a number in clear at the end. */
  const seen: ApiResponse[] = [];
  const as =
    (subject: string, roles: Role[]) =>
    async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      await sut.token(T, roles);
      const bearer = await signLocalToken(TEST_AUTH_SECRET, { tenantId: T, roles, subject });
      const res = await fetch(`${sut.service.httpUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const out = { status: res.status, type: res.headers.get('content-type'), body: text ? JSON.parse(text) : undefined, replayed: res.headers.get('idempotent-replayed') };
      seen.push(out);
      return out;
    };
  const telephony = as('cti-1', ['telephony']);
  const agent = as('agent-1', ['agent']);
  const agent2 = as('agent-2', ['agent']);
  const supervisor = as('sup-1', ['supervisor']);
  const admin = as('admin-1', ['tenant-admin']);

  const A = '13900001111'; // abandons, is called back
  const B = '13900002222'; // a short abandon
  const C = '13900003333'; // abandons, then calls again and is answered
  const NUMBERS = [A, B, C, '13700004444'];

  /** A call of 2026-03-02 (Asia/Shanghai), offered at hh:mm:ss local, waiting `wait` seconds. */
  const call = (callId: string, at: string, wait: number, outcome: string, extra: Record<string, unknown> = {}) => {
    const offered = new Date(`2026-03-02T${at}+08:00`);
    const answered = outcome === 'abandoned' ? undefined : new Date(offered.getTime() + wait * 1000);
    const ended = new Date(offered.getTime() + wait * 1000 + (answered ? 120_000 : 0));
    return {
      callId,
      callerNumber: '13700004444',
      agentId: answered ? 'A-07' : undefined,
      queue: 'general',
      offeredAt: offered.toISOString(),
      answeredAt: answered?.toISOString(),
      endedAt: ended.toISOString(),
      outcome,
      ...extra,
    };
  };
  /** A call that ended just now (for the live callback clock). */
  const callNow = (callId: string, callerNumber: string, outcome: 'abandoned' | 'answered', waitS = 40, endedAgoS = 0) => {
    const ended = new Date(Date.now() - endedAgoS * 1000);
    const offered = new Date(ended.getTime() - waitS * 1000);
    return {
      callId,
      callerNumber,
      queue: 'general',
      offeredAt: offered.toISOString(),
      ...(outcome === 'answered' ? { answeredAt: new Date(offered.getTime() + 8000).toISOString(), agentId: 'A-01' } : {}),
      endedAt: ended.toISOString(),
      outcome,
    };
  };

  /** Straight to the database, under the suite's tenant (row-level security hides every other). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of ad-hoc queries
  const inTenant = (sql: string, params: unknown[] = []): Promise<any> => sut.service.context.db.run(T, (m) => m.query(sql, params));

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    expect((await admin('POST', '/v1/channels', { code: 'phone', name: '12345 热线电话', kind: 'phone' })).status).toBe(201);
    expect((await admin('PUT', '/v1/categories', { categories: [{ code: '01', name: '城乡建设', level: 1 }] })).status).toBe(200);
  });
  afterAll(() => sut?.close());

  it('counts 人工接通率 and 人工应答及时率 of a local day and queue from answered, abandoned and silent calls', async () => {
    const request = await agent('POST', '/v1/requests', {
      channel: 'phone',
      requester: { name: '王五', phone: '13700004444' },
      content: '小区路灯不亮',
      areaCode: '320102',
      requestType: 'help',
      urgency: 'normal',
      categoryCode: '01',
      scope: { decision: 'in-scope' },
    });
    expect(request.status).toBe(201);
    const records = [
      call('d1-answered-10s', '09:00:00', 10, 'request', { requestNumber: request.body.number }),
      call('d1-answered-20s', '09:10:00', 20, 'answered'),
      call('d1-silent-5s', '23:59:50', 5, 'silent'), // 15:59:50 UTC: still 2 March in Shanghai
      call('d1-abandoned-30s', '10:00:00', 30, 'abandoned'),
      call('d1-abandoned-3s', '10:05:00', 3, 'abandoned'), // a short abandon
      call('d1-enterprise', '11:00:00', 4, 'silent', { queue: 'enterprise' }),
      call('d2-after-midnight', '23:59:59', 11, 'wrong-number'), // offered 00:00:10 on 3 March local
    ];
    records[6].offeredAt = new Date('2026-03-03T00:00:10+08:00').toISOString();
    records[6].answeredAt = new Date('2026-03-03T00:00:13+08:00').toISOString();
    records[6].endedAt = new Date('2026-03-03T00:01:00+08:00').toISOString();
    for (const r of records) expect((await telephony('POST', '/v1/call-records', r)).status).toBe(201);

    // The agent marks the unmarked call: it was a silent one.
    const marked = await agent('POST', '/v1/call-records/d1-answered-20s/outcome', { outcome: 'silent' });
    expect(marked).toMatchObject({ status: 200, body: { outcome: 'silent', outcomeMarkedBy: 'agent-1', callerNumberMasked: '137****4444' } });
    expect((await agent('POST', '/v1/call-records/d1-abandoned-30s/outcome', { outcome: 'silent' })).body.code).toBe('call_not_answered');
    expect((await agent('POST', '/v1/call-records/d1-answered-20s/outcome', { outcome: 'request' })).body.errors[0].field).toBe('requestNumber');
    expect((await agent('GET', '/v1/call-records/d1-answered-10s')).body).toMatchObject({ requestId: request.body.id, requestNumber: request.body.number });

    const rates = (q: string) => supervisor('GET', `/v1/call-records/rates?${q}`);
    const day = await rates('from=2026-03-02&to=2026-03-02&queue=general');
    expect(day.status).toBe(200);
    expect(day.body).toMatchObject({ timeZone: 'Asia/Shanghai', policy: { answerTimelySeconds: 15, shortAbandonSeconds: 5, shortAbandonsCounted: false, source: 'default' } });
    // 5 calls; the 3-second abandon is left out of the offered: 3 answered of 4 offered, 2 of 3 answered within 15 s.
    expect(day.body.days).toEqual([
      expect.objectContaining({
        day: '2026-03-02',
        queue: 'general',
        calls: 5,
        offered: 4,
        answered: 3,
        answeredInTime: 2,
        abandoned: 2,
        shortAbandoned: 1,
        answerRate: { value: 0.75, numerator: 3, denominator: 4 },
        timelyAnswerRate: { value: 0.6667, numerator: 2, denominator: 3 },
      }),
    ]);
    const both = await rates('from=2026-03-02&to=2026-03-03');
    expect(both.body.days.map((d: { day: string; queue: string; calls: number }) => [d.day, d.queue, d.calls])).toEqual([
      ['2026-03-02', 'enterprise', 1],
      ['2026-03-02', 'general', 5],
      ['2026-03-03', 'general', 1],
    ]);
    expect(both.body.total).toMatchObject({ calls: 7, offered: 6, answered: 5, answerRate: { value: 0.8333, numerator: 5, denominator: 6 } });

    // The tenant counts short abandons and allows 20 s: 3/5 and 3/3.
    const policy = { answerTimelySeconds: 20, shortAbandonSeconds: 5, shortAbandonsCounted: true, callbackShortAbandons: false, callbackDueMinutes: 30, callbackMaxAttempts: 2 };
    expect((await supervisor('PUT', '/v1/call-policy', policy)).status).toBe(403);
    expect((await admin('PUT', '/v1/call-policy', policy)).body).toMatchObject({ ...policy, source: 'tenant' });
    const counted = await rates('from=2026-03-02&to=2026-03-02&queue=general');
    expect(counted.body.days[0]).toMatchObject({ offered: 5, answerRate: { value: 0.6, numerator: 3, denominator: 5 }, timelyAnswerRate: { value: 1, numerator: 3, denominator: 3 } });

    expect((await rates('from=2026-03-03&to=2026-03-02')).body.errors).toEqual([{ field: 'query.to', message: 'must not be before from' }]);
    expect((await rates('from=2026-02-30&to=2026-03-02')).body.errors[0].field).toBe('query.from');
    expect((await agent('GET', '/v1/call-records/rates?from=2026-03-02&to=2026-03-02')).status).toBe(403);
  });

  it('returns the first outcome to a retry, by its Idempotency-Key or by the call id, and refuses other content under the same id', async () => {
    const body = call('idem-1', '14:00:00', 6, 'hung-up');
    const first = await telephony('POST', '/v1/call-records', body, { 'idempotency-key': 'cti-idem-1-attempt' });
    expect(first).toMatchObject({ status: 201, body: { callId: 'idem-1', outcome: 'hung-up', alreadyRecorded: false } });
    const retry = await telephony('POST', '/v1/call-records', body, { 'idempotency-key': 'cti-idem-1-attempt' });
    expect(retry).toMatchObject({ status: 201, replayed: 'true' });
    expect(retry.body).toEqual(first.body);
    // Without the key, or under another: the same call by its id, nothing recorded twice.
    const again = await telephony('POST', '/v1/call-records', body);
    expect(again.body).toMatchObject({ id: first.body.id, alreadyRecorded: true });
    const conflicting = await telephony('POST', '/v1/call-records', { ...body, outcome: 'silent' }, { 'idempotency-key': 'cti-idem-1-other' });
    expect(conflicting).toMatchObject({ status: 409, body: { code: 'call_id_reused' } });
    const [{ n }] = await inTenant(`select count(*)::int as n from call_records where call_id = 'idem-1'`);
    expect(n).toBe(1);

    // Bad input names the field; an agent is not the telephony.
    const bad = async (b: unknown) => (await telephony('POST', '/v1/call-records', b)).body.errors.map((e: { field: string }) => e.field);
    expect(await bad({ ...body, callId: 'idem-2', answeredAt: undefined })).toEqual(['answeredAt']);
    expect(await bad({ ...call('idem-3', '14:00:00', 6, 'abandoned'), answeredAt: body.answeredAt })).toEqual(['answeredAt']);
    expect(await bad({ ...body, callId: 'idem-4', endedAt: '2026-03-02T05:00:00Z' })).toEqual(['endedAt']);
    expect(await bad({ ...body, callId: 'x'.repeat(129) })).toEqual(['callId']);
    expect(await bad({ ...body, callId: 'idem-5', outcome: 'silent', requestNumber: 'a-20260302-000001' })).toEqual(['requestNumber']);
    expect(await bad({ ...body, callId: 'idem-6', callerNumber: '139-abc' })).toEqual(['callerNumber']);
    expect((await agent('POST', '/v1/call-records', { ...body, callId: 'idem-7' })).status).toBe(403);
  });

  it('queues a callback for an abandoned call, joins a second abandon to it, flags it overdue at its due and closes it by the result', async () => {
    const first = await telephony('POST', '/v1/call-records', callNow('cb-a-1', A, 'abandoned'));
    expect(first.status).toBe(201);
    const id = first.body.callbackId as string;
    expect(id).toEqual(expect.any(String));
    const second = await telephony('POST', '/v1/call-records', callNow('cb-a-2', A, 'abandoned'));
    expect(second.body.callbackId).toBe(id);
    // A short abandon gets none (the tenant's default).
    expect((await telephony('POST', '/v1/call-records', callNow('cb-b-1', B, 'abandoned', 2))).body.callbackId).toBeNull();

    const pending = await agent('GET', '/v1/callbacks?state=pending&limit=10');
    expect(pending.body).toMatchObject({ total: 1, limit: 10, offset: 0 });
    const item = pending.body.items[0];
    expect(item).toMatchObject({ id, state: 'pending', callerNumberMasked: '139****1111', abandonedCalls: 2, firstCallId: 'cb-a-1', lastCallId: 'cb-a-2', overdue: false });
    // Due 30 minutes after the first abandon (the tenant's limit).
    const due = new Date(item.dueAt).getTime() - new Date(item.firstAbandonedAt).getTime();
    expect(due).toBe(30 * 60_000);

    // The clock: the durable timer brought to now (as other timer suites do) flags the item overdue.
    const moved = await inTenant(`update timers set due_at = now() where kind = $1 and key = $2 and state = 'pending'`, [CALLBACK_OVERDUE_TIMER, id]);
    expect(moved[1]).toBe(1);
    await eventually('the callback flagged overdue', async () => (await agent('GET', `/v1/callbacks/${id}`)).body.overdue === true);
    expect((await agent('GET', '/v1/callbacks?state=pending&overdue=true')).body.items.map((c: { id: string }) => c.id)).toEqual([id]);

    // One agent at a time; no answer puts it back, with the attempt counted.
    expect((await agent('POST', `/v1/callbacks/${id}/result`, { result: 'reached' })).body.code).toBe('callback_not_claimed');
    expect((await agent('POST', `/v1/callbacks/${id}/claim`)).body).toMatchObject({ state: 'claimed', claimedBy: 'agent-1' });
    expect((await agent2('POST', `/v1/callbacks/${id}/claim`)).body.code).toBe('callback_claimed');
    expect((await agent('POST', `/v1/callbacks/${id}/result`, { result: 'no-answer' })).body).toMatchObject({ state: 'pending', attempts: 1, result: 'no-answer' });

    // The second agent dials through the telephony: the number in clear only to it, once, recorded.
    await agent2('POST', `/v1/callbacks/${id}/claim`);
    const ref = await agent2('POST', `/v1/callbacks/${id}/call-reference`);
    expect(ref.status).toBe(201);
    expect((await agent2('POST', `/v1/callbacks/${id}/call-reference`, undefined, { 'idempotency-key': 'never-stored-1' })).status).toBe(400);
    const resolved = await telephony('POST', '/v1/callback-references/resolution', { reference: ref.body.reference });
    expect(resolved).toMatchObject({ status: 200, body: { callbackId: id, number: A, issuedBy: 'agent-2' } });
    seen.splice(seen.indexOf(resolved), 1);
    expect((await telephony('POST', '/v1/callback-references/resolution', { reference: ref.body.reference })).status).toBe(410);
    const [audit] = await inTenant(`select resolved_by from callback_call_references where callback_id = $1`, [id]);
    expect(audit.resolved_by).toBe('cti-1');

    const done = await agent2('POST', `/v1/callbacks/${id}/result`, { result: 'reached', note: '已告知来电人，无需登记' });
    expect(done.body).toMatchObject({ state: 'reached', attempts: 2, result: 'reached', closedBy: 'agent-2' });
    const [timer] = await inTenant(`select state from timers where kind = $1 and key = $2`, [CALLBACK_OVERDUE_TIMER, id]);
    expect(timer.state).toBe('fired');
    expect((await agent('GET', `/v1/callbacks/${id}`)).body.attemptLog.map((a: { result: string; by: string }) => [a.result, a.by])).toEqual([
      ['no-answer', 'agent-1'],
      ['reached', 'agent-2'],
    ]);
    expect((await agent('POST', `/v1/callbacks/${id}/claim`)).body.code).toBe('callback_closed');
    expect((await agent('GET', '/v1/callbacks?state=pending')).body.total).toBe(0);
  });

  it('closes the open item when the caller calls again and is answered, and cancels its clock', async () => {
    const abandoned = await telephony('POST', '/v1/call-records', callNow('cb-c-1', C, 'abandoned', 40, 60));
    const id = abandoned.body.callbackId as string;
    const answered = await telephony('POST', '/v1/call-records', callNow('cb-c-2', C, 'answered', 50));
    expect(answered.body.callbackId).toBe(id);
    expect((await agent('GET', `/v1/callbacks/${id}`)).body).toMatchObject({ state: 'caller-returned', closedByCallId: 'cb-c-2', closedBy: 'system:intake' });
    const [timer] = await inTenant(`select state from timers where kind = $1 and key = $2`, [CALLBACK_OVERDUE_TIMER, id]);
    expect(timer.state).toBe('cancelled');
    // An abandon reported after the caller's later answer opens nothing: they got through.
    const late = callNow('cb-c-0', C, 'abandoned', 40, 45);
    expect((await telephony('POST', '/v1/call-records', late)).body.callbackId).toBeNull();
  });

  it('never answers a caller number in clear, and stores none', async () => {
    const bodies = seen.map((r) => JSON.stringify(r.body ?? null));
    for (const n of NUMBERS) expect(bodies.filter((b) => b.includes(n))).toEqual([]);
    // The only clear answer was the resolution, taken out of `seen` above; the request's own view is masked too.
    for (const [table, column] of [['call_records', 'caller_number_enc'], ['callbacks', 'caller_number_enc']]) {
      const [{ n }] = await inTenant(`select count(*)::int as n from ${table} where position(convert_to($1, 'UTF8') in ${column}) > 0`, [A]);
      expect(n).toBe(0);
    }
    const [{ keyed }] = await inTenant(`select count(*)::int as keyed from call_records where caller_key is not null`);
    expect(keyed).toBeGreaterThan(0);
  });
});
