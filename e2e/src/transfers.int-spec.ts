import { eventually } from '@hotline/testing';
import { LocalPlatform } from './support/platform';

// 转办 between the hotlines of one province (issue 11, ADR 0027), through the public APIs of the
// whole platform: Nanjing offers a request no unit holds to Wuxi; Wuxi returns it once, then
// accepts it: the request lives on in Wuxi under the same number and 提取码, with its timeline,
// and leaves Nanjing's queue as `transferred`.
describe('transfers between the hotlines of a province end to end', () => {
  let p: LocalPlatform;
  let tokens: Record<string, Record<string, string>>;
  const [NJ, WX] = ['city-3201', 'city-3202'];
  const as = (tenant: string, role: string) => tokens[tenant]![role]!;

  beforeAll(async () => {
    p = await LocalPlatform.start();
    tokens = p.tokens();
  }, 180_000);
  afterAll(() => p?.destroy(), 60_000);

  /** A request the catalog has no entry for (政风行风): it waits in Nanjing's manual queue. */
  async function queuedInNanjing() {
    const res = await p.api('intake', 'POST', '/v1/requests', as(NJ, 'agent'), {
      channel: 'phone', requester: { name: '孙八', phone: '13700005555' }, title: '锡山区某单位窗口推诿',
      content: '我在无锡锡山区办事，窗口人员推诿不办', areaCode: '320104', requestType: 'complaint', urgency: 'normal',
      categoryCode: '130101', scope: { decision: 'in-scope' },
    });
    expect(res.status).toBe(201);
    await eventually('queued in Nanjing', async () => (await queueOf(NJ)).includes(res.body.id));
    return res.body as { id: string; number: string; accessCode: string };
  }

  const queueOf = async (tenant: string) =>
    ((await p.api('dispatch', 'GET', '/v1/dispatch-queue?limit=200', as(tenant, 'dispatcher'))).body.items as Array<{ requestId: string }>).map((i) => i.requestId);
  const offer = (requestId: string, body: unknown, role = 'dispatcher') =>
    p.api('intake', 'POST', `/v1/requests/${requestId}/transfers`, as(NJ, role), body);
  const incoming = async () =>
    (await p.api('intake', 'GET', '/v1/transfers?direction=incoming&state=offered', as(WX, 'dispatcher'))).body.items as Array<Record<string, unknown>>;

  it('offers, returns and accepts: the request goes on in Wuxi under its number and 提取码, with its timeline', async () => {
    const request = await queuedInNanjing();

    // Bad offers: a clear 4xx naming the field, nothing written.
    const unknown = await offer(request.id, { toTenant: 'city-9999', reason: '属地不符' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'toTenant' })]);
    expect((await offer(request.id, { toTenant: NJ, reason: '属地不符' })).body.errors[0].message).toMatch(/itself/);
    expect((await offer(request.id, { toTenant: WX })).body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await offer(request.id, { toTenant: WX, reason: '属地不符' }, 'agent')).status).toBe(403);
    expect(await incoming()).toEqual([]);

    // Offered: Wuxi sees the masked request (no identity), Nanjing's request waits where it was.
    const offered = await offer(request.id, { toTenant: WX, reason: '属地不符：事发地在无锡市锡山区，诉求人电话13700005555' });
    expect(offered.status).toBe(201);
    expect(offered.body).toMatchObject({ direction: 'outgoing', state: 'offered', counterpartTenant: WX, number: request.number });
    expect(offered.body.reason).not.toContain('13700005555');
    expect((await offer(request.id, { toTenant: WX, reason: '再次' })).status).toBe(409);
    const [seen] = await incoming();
    expect(seen).toMatchObject({ id: offered.body.id, direction: 'incoming', counterpartTenant: NJ, requestId: null, request: { number: request.number } });
    expect(JSON.stringify(seen)).not.toMatch(/孙八|13700005555/);

    // Returned with a reason: it stays in Nanjing's queue, as it was; the decision is final.
    const returned = await p.api('intake', 'POST', `/v1/transfers/${offered.body.id}/return`, as(WX, 'dispatcher'), { reason: '经核实事发地在南京' });
    expect(returned).toMatchObject({ status: 200, body: { state: 'returned' } });
    expect((await p.api('intake', 'POST', `/v1/transfers/${offered.body.id}/acceptance`, as(WX, 'dispatcher'))).status).toBe(409);
    const nanjingSide = (await p.api('intake', 'GET', '/v1/transfers?direction=outgoing', as(NJ, 'dispatcher'))).body.items[0];
    expect(nanjingSide).toMatchObject({ id: offered.body.id, state: 'returned', decisionNote: '经核实事发地在南京' });
    expect((await p.api('intake', 'GET', `/v1/requests/${request.id}`, as(NJ, 'agent'))).body.status).toBe('awaiting-dispatch');
    expect(await queueOf(NJ)).toContain(request.id);

    // Offered again and accepted: registered in Wuxi under the same number, its identity re-encrypted there.
    const again = await offer(request.id, { toTenant: WX, reason: '属地不符：补充材料后确认在锡山区' });
    expect(again.status).toBe(201);
    expect((await p.api('intake', 'POST', `/v1/transfers/${again.body.id}/acceptance`, as(NJ, 'dispatcher'))).status).toBe(404);
    const accepted = await p.api('intake', 'POST', `/v1/transfers/${again.body.id}/acceptance`, as(WX, 'dispatcher'));
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ number: request.number, transferredFrom: NJ, requester: { name: '孙*', phone: '137****5555' } });
    expect((await p.api('intake', 'POST', `/v1/transfers/${again.body.id}/acceptance`, as(WX, 'dispatcher'))).status).toBe(409);
    expect((await p.api('intake', 'POST', `/v1/transfers/${again.body.id}/return`, as(WX, 'dispatcher'), { reason: '晚了' })).status).toBe(409);
    const wuxiId = accepted.body.id as string;
    const clear = await p.api('intake', 'GET', `/v1/requests/${wuxiId}/requester?purpose=contact-requester`, as(WX, 'supervisor'));
    expect(clear.body).toMatchObject({ name: '孙八', phone: '13700005555' });

    // Nanjing: transferred, out of its queue; its access log records the disclosure for the transfer.
    const nanjing = await p.api('intake', 'GET', `/v1/requests/${request.id}`, as(NJ, 'agent'));
    expect(nanjing.body).toMatchObject({ status: 'transferred', transferredTo: WX });
    await eventually('out of Nanjing’s queue', async () => !(await queueOf(NJ)).includes(request.id));
    const log = await p.api('intake', 'GET', `/v1/pii-access-log?requestId=${request.id}`, as(NJ, 'supervisor'));
    expect(log.body.items).toEqual([expect.objectContaining({ purpose: 'handle-request', subject: expect.stringContaining(WX) })]);

    // Wuxi: the catalog has no entry either, so it waits in Wuxi's queue; its timeline begins with Nanjing's steps.
    await eventually('queued in Wuxi', async () => (await queueOf(WX)).includes(wuxiId));
    const wuxi = await p.api('intake', 'GET', `/v1/requests/${wuxiId}`, as(WX, 'agent'));
    const kinds = (wuxi.body.timeline as Array<{ eventType: string; note: string }>).map((t) => t.eventType);
    expect(kinds).toEqual(expect.arrayContaining(['intake.registered', 'intake.transfer-offered', 'intake.transfer-returned', 'intake.transferred-in']));
    expect(wuxi.body.receivedAt).toBe(nanjing.body.receivedAt);

    // The public: the same number and 提取码 in Wuxi; Nanjing's lookup says where it went, never why.
    const atWuxi = await p.api('intake', 'GET', `/v1/public/${WX}/requests/${request.number}?code=${request.accessCode}`);
    expect(atWuxi.status).toBe(200);
    const atNanjing = await p.api('intake', 'GET', `/v1/public/${NJ}/requests/${request.number}?code=${request.accessCode}`);
    expect(atNanjing.body).toMatchObject({ status: 'transferred', transferredTo: WX });
    expect(JSON.stringify(atNanjing.body)).not.toContain('锡山区');

    // A transferred request cannot be offered again.
    expect((await offer(request.id, { toTenant: WX, reason: '再转' })).status).toBe(409);
  });
});
