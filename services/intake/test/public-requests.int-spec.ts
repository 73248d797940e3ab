import { Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { configureTenant, contact, outboxEvents, publicFetch, REQUESTER } from './intake-fixtures';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 24, 2, minute)).toISOString();
const SUBMISSION = { requester: { name: '李四', phone: '13900001111' }, title: '路灯', content: '中山路路灯不亮', areaCode: '320102' };

describe('intake public submission and lookup (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const submit = (body: unknown, tenant = 'city-a') => publicFetch(sut, 'POST', `/v1/public/${tenant}/requests`, {}, body);
  const agent = (tenant = 'city-a') => sut.as(tenant, ['agent']);
  const requestsOf = async (tenant: string) =>
    (await sut.service.context.db.run(tenant, (m) => m.query(`select count(*)::int as n from requests`)))[0].n as number;
  const created = async (tenant: string, number: string) => {
    const list = await agent(tenant)('GET', '/v1/requests?limit=200');
    return list.body.items.find((r: { number: string }) => r.number === number);
  };

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    await configureTenant(sut, 'city-a');
  });
  afterAll(() => sut?.close());

  it('takes public submissions and answers the public lookup with status and time only', async () => {
    const bad = await submit({ requester: { name: '李四' }, title: '', content: 'x', areaCode: '320102', categoryCode: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['requester.phone', 'title']));
    expect((await submit({ ...SUBMISSION, categoryCode: '999' })).body.errors[0].field).toBe('categoryCode');
    expect((await submit({ ...SUBMISSION, areaCode: '3201020' })).body.errors[0].field).toBe('areaCode');
    const badTenant = await submit(SUBMISSION, 'City A');
    expect(badTenant.body.errors.map((e: { field: string }) => e.field)).toEqual(['path.tenant']);

    const res = await submit(SUBMISSION);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['accessCode', 'number', 'status']);
    expect(res.body.status).toBe('registered');
    const request = await created('city-a', res.body.number);
    expect(request).toMatchObject({
      channel: 'web',
      urgency: 'normal',
      requestType: 'consultation',
      categoryCode: null,
      taxonomyVersion: null,
      createdBy: 'public',
      anonymous: false,
    });
    const [registered] = await outboxEvents(sut, Events.intake.requestStatusChanged, request.id);
    expect(registered).toMatchObject({ toStatus: 'registered', reason: 'registered', actor: 'system:intake', sequence: '1' });
    // It waits in the online queue for an agent's scope decision (ADR 0034): not accepted yet.
    expect(await outboxEvents(sut, Events.intake.requestAccepted, request.id)).toEqual([]);
    expect(request.scope.decision).toBeNull();
    const queue = await agent()('GET', '/v1/online-queue');
    expect(queue.body.items).toEqual([expect.objectContaining({ requestId: request.id, number: res.body.number, state: 'waiting', decidedAt: null })]);
    const decided = await agent()('POST', `/v1/online-queue/${request.id}/decision`, { requestType: 'consultation', urgency: 'normal', categoryCode: '010101', scope: { decision: 'in-scope' } });
    expect(decided).toMatchObject({ status: 200, body: { status: 'registered', scope: { decision: 'in-scope' }, categoryCode: '010101' } });
    const [event] = await outboxEvents(sut, Events.intake.requestAccepted, request.id);
    expect(event?.request).toMatchObject({
      categoryCode: '010101',
      categoryPath: ['01', '0101', '010101'],
      taxonomyVersion: 1,
      channel: 'web',
      requesterMaskedName: '李*',
      requesterMaskedPhone: '139****1111',
    });

    await publishEvent(sut, Events.dispatch.requestQueued, 'city-a', { request: event!.request, reason: 'no category', queuedAt: at(5) });
    await eventually('the queued step', async () => (await agent()('GET', `/v1/requests/${request.id}`)).body.timeline.length >= 2);
    const lookup = await publicFetch(sut, 'GET', `/v1/public/city-a/requests/${res.body.number}?code=${res.body.accessCode}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual({
      number: res.body.number,
      status: 'awaiting-dispatch',
      receivedAt: expect.any(String),
      timeline: [{ status: 'registered', at: expect.any(String) }, { status: 'awaiting-dispatch', at: at(5) }],
    });
    for (const secret of ['李四', '13900001111', '中山路', '路灯', 'no category']) expect(lookup.text).not.toContain(secret);

    const wrongCode = String((Number(res.body.accessCode) + 1) % 100_000_000).padStart(8, '0');
    const wrong = await publicFetch(sut, 'GET', `/v1/public/city-a/requests/${res.body.number}?code=${wrongCode}`);
    const unknown = await publicFetch(sut, 'GET', `/v1/public/city-a/requests/a-20000101-000001?code=${res.body.accessCode}`);
    const otherTenant = await publicFetch(sut, 'GET', `/v1/public/city-b/requests/${res.body.number}?code=${res.body.accessCode}`);
    for (const r of [wrong, unknown, otherTenant]) {
      expect(r.status).toBe(404);
      const { instance: _instance, ...problem } = r.body;
      expect(problem).toEqual({ type: 'https://hotline.dev/problems/not_found', title: 'Not found', status: 404, code: 'not_found', detail: 'request not found' });
    }
    expect((await publicFetch(sut, 'GET', `/v1/public/city-a/requests/${res.body.number}?code=12`)).status).toBe(400);
  });

  it('takes an anonymous submission when the requester is left out', async () => {
    const { requester: _requester, ...anonymous } = SUBMISSION;
    const res = await submit({ ...anonymous, categoryCode: '010101' });
    expect(res.status).toBe(201);
    const request = await created('city-a', res.body.number);
    expect(request).toMatchObject({ anonymous: true, requester: { anonymous: true }, categoryCode: '010101', taxonomyVersion: 1 });
    // The citizen's category is a hint to the agent, who decides.
    expect(await outboxEvents(sut, Events.intake.requestAccepted, request.id)).toEqual([]);
    await agent()('POST', `/v1/online-queue/${request.id}/decision`, { requestType: 'consultation', urgency: 'normal', categoryCode: '010101', scope: { decision: 'in-scope' } });
    const [event] = await outboxEvents(sut, Events.intake.requestAccepted, request.id);
    expect(event?.request).toMatchObject({ anonymous: true, requesterMaskedName: '', requesterMaskedPhone: '', categoryPath: ['01', '0101', '010101'] });
  });

  it("arrives through the tenant's enabled online channel, under that channel's code", async () => {
    const admin = sut.as('city-p', ['tenant-admin']);
    await admin('POST', '/v1/channels', { code: 'portal-old', name: '旧门户', kind: 'web', enabled: false });
    await admin('POST', '/v1/channels', { code: 'portal', name: '政务服务网', kind: 'web' });
    await admin('POST', '/v1/channels', { code: 'mayor-mailbox', name: '市长信箱', kind: 'web' });
    const res = await submit(SUBMISSION, 'city-p');
    expect(res.status).toBe(201);
    expect(await created('city-p', res.body.number)).toMatchObject({ channel: 'portal' });
  });

  it('answers 404 and writes nothing where the hotline offers no online submission', async () => {
    // city-q takes phone and WeChat only, and its web channel is switched off.
    const admin = sut.as('city-q', ['tenant-admin']);
    await admin('POST', '/v1/channels', { code: 'phone', name: '12345', kind: 'phone' });
    await admin('POST', '/v1/channels', { code: 'wechat', name: '微信', kind: 'wechat' });
    await admin('POST', '/v1/channels', { code: 'web', name: '网站', kind: 'web', enabled: false });
    const offline = await submit(SUBMISSION, 'city-q');
    expect(offline.status).toBe(404);
    expect(offline.body).toMatchObject({ code: 'not_found', detail: 'this hotline does not offer online submission' });
    // A hotline the province never registered is not there at all.
    const unknown = await submit(SUBMISSION, 'city-nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not_found', detail: 'hotline city-nowhere not found' });
    for (const tenant of ['city-q', 'city-nowhere']) expect(await requestsOf(tenant)).toBe(0);
    const outbox = await sut.service.context.dataSource.query(
      `select count(*)::int as n from outbox where tenant_id in ('city-q', 'city-nowhere') and aggregate_type = 'request'`,
    );
    expect(outbox[0].n).toBe(0);
  });

  it('shows a request closed at intake to the public as registered then closed', async () => {
    const res = await agent()('POST', '/v1/requests', contact({ scope: { decision: 'direct-answer', answer: '请拨打供电热线95598' } }));
    const lookup = await publicFetch(sut, 'GET', `/v1/public/city-a/requests/${res.body.number}?code=${res.body.accessCode}`);
    expect(lookup.body.timeline.map((t: { status: string }) => t.status)).toEqual(['registered', 'closed']);
    expect(lookup.text).not.toContain(REQUESTER.name);
  });

  // Issue 18: a citizen retrying after a lost response (or a 503) must not create a second 诉求.
  it('gives a retried submission with the same Idempotency-Key its first number and code, and creates one request', async () => {
    const before = await requestsOf('city-a');
    const key = { 'idempotency-key': 'web-form-7f3a9c21' };
    const first = await publicFetch(sut, 'POST', '/v1/public/city-a/requests', key, SUBMISSION);
    const retry = await publicFetch(sut, 'POST', '/v1/public/city-a/requests', key, SUBMISSION);
    expect(first.status).toBe(201);
    expect(retry).toMatchObject({ status: 201, body: first.body });
    expect(await requestsOf('city-a')).toBe(before + 1);
    const changed = await publicFetch(sut, 'POST', '/v1/public/city-a/requests', key, { ...SUBMISSION, content: '另一件事' });
    expect(changed).toMatchObject({ status: 422, body: { code: 'idempotency_key_reused' } });
    expect(await requestsOf('city-a')).toBe(before + 1);
  });
});
