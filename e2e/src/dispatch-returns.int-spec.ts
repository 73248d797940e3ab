import { eventually } from '@hotline/testing';
import { LocalPlatform } from './support/platform';

// Returns (退单) across the real services (issue 11), through the public APIs: the primary unit
// returns its order at dispatch, the hotline decides (争议审核); accepted → handling cancels the
// unit's work order and the re-dispatch (改派) gives a new order to another unit, never back to
// the returning one; rejected → the unit keeps its order with its clocks as they were.
describe('returns, dispute review and re-dispatch end to end', () => {
  let p: LocalPlatform;
  let tokens: Record<string, Record<string, string>>;
  const A = 'city-3201';
  const as = (role: string) => tokens[A]![role]!;
  let unitId: Record<string, string>;

  beforeAll(async () => {
    p = await LocalPlatform.start();
    tokens = p.tokens();
    const units = await p.api('dispatch', 'GET', '/v1/units', as('dispatcher'));
    unitId = Object.fromEntries((units.body.items as Array<{ code: string; id: string }>).map((u) => [u.code, u.id]));
  }, 180_000);

  afterAll(() => p?.destroy(), 60_000);

  /** A complaint the catalog gives to hrss (08), with its primary order once handling has it. */
  async function dispatchedToHrss() {
    const res = await p.api('intake', 'POST', '/v1/requests', as('agent'), {
      channel: 'phone',
      requester: { name: '王五', phone: '13900002222' },
      title: '养老保险转移接续办不了',
      content: '外地养老保险转入本市两个月未办结',
      areaCode: '320104',
      requestType: 'complaint',
      urgency: 'normal',
      categoryCode: '080101',
      scope: { decision: 'in-scope' },
    });
    expect(res.status).toBe(201);
    const order = await ordersOf(res.body.id, (orders) => orders.find((o) => o.unitCode === 'hrss'));
    return { requestId: res.body.id as string, number: res.body.number as string, accessCode: res.body.accessCode as string, order };
  }

  type Order = Record<string, string | number | null>;
  const ordersOf = <T>(requestId: string, pick: (orders: Order[]) => T | undefined) =>
    eventually(`the orders of ${requestId}`, async () => {
      const res = await p.api('handling', 'GET', `/v1/work-orders?requestId=${requestId}`, as('supervisor'));
      return pick(res.body.items as Order[]);
    });

  const fileReturn = (requestId: string, unitCode: string) =>
    p.api('dispatch', 'POST', `/v1/dispatches/${requestId}/returns`, as(`unit-operator:${unitCode}`), {
      reasonCode: 'not-our-duty', basis: '转移接续由医保与社保经办机构按《社会保险法》第十九条办理,非本局职责',
    });

  it('accepts a return: the unit’s order is cancelled and the re-dispatch gives another unit a new order', async () => {
    const { requestId, number, accessCode, order } = await dispatchedToHrss();
    const filed = await fileReturn(requestId, 'hrss');
    expect(filed).toMatchObject({ status: 201, body: { status: 'in-review', unit: { unitCode: 'hrss' } } });
    // 协办 staff or another unit cannot return hrss's order.
    expect((await fileReturn(requestId, 'env')).status).toBe(403);

    const decided = await p.api('dispatch', 'POST', `/v1/returns/${filed.body.id}/decision`, as('dispatcher'), {
      decision: 'accept', note: '经核实,社保关系转移属社保经办机构',
    });
    expect(decided.body).toMatchObject({ status: 'accepted' });
    const cancelled = await ordersOf(requestId, (orders) => orders.find((o) => o.id === order.id && o.status === 'cancelled'));
    expect(cancelled.cancelReason).toBe('return-accepted');

    const back = await p.api('dispatch', 'POST', `/v1/dispatch-queue/${requestId}/assign`, as('dispatcher'), { primaryUnitId: unitId['hrss'] });
    expect(back.status).toBe(400);
    const redispatched = await p.api('dispatch', 'POST', `/v1/dispatch-queue/${requestId}/assign`, as('dispatcher'), {
      primaryUnitId: unitId['district'],
    });
    expect(redispatched.body).toMatchObject({ attempt: 2, designated: false });
    const next = await ordersOf(requestId, (orders) => orders.find((o) => o.unitCode === 'district' && o.role === 'primary'));
    expect(next.status).toBe('awaiting-sign');

    // intake's timeline has the return and its review as steps by who did them, with codes and
    // without the unit's basis or the hotline's note; the re-dispatch is a second 'dispatched'.
    type Step = { status: string | null; eventType: string; actor: string; note: string };
    const timeline = await eventually('the return and the re-dispatch in the timeline', async () => {
      const steps = (await p.api('intake', 'GET', `/v1/requests/${requestId}`, as('agent'))).body.timeline as Step[];
      return steps.filter((t) => t.status === 'dispatched').length === 2 ? steps : undefined;
    });
    const filedStep = timeline.find((t) => t.eventType === 'hotline.dispatch.v1.ReturnFiled');
    const decidedStep = timeline.find((t) => t.eventType === 'hotline.dispatch.v1.ReturnDecided');
    expect(filedStep).toMatchObject({ status: null, note: expect.stringContaining('not-our-duty') });
    expect(filedStep?.actor).toMatch(/hrss/);
    expect(decidedStep).toMatchObject({ status: null, note: expect.stringContaining('accepted') });
    expect(JSON.stringify(timeline)).not.toMatch(/社会保险法|经核实/);
    // The public lookup shows the status steps only: dispatched twice, no return, no reason.
    const lookup = await p.api('intake', 'GET', `/v1/public/${A}/requests/${number}?code=${accessCode}`);
    expect(lookup.body.timeline.map((t: { status: string }) => t.status).filter((s: string) => s === 'dispatched')).toHaveLength(2);
    expect(lookup.text).not.toMatch(/not-our-duty|hrss|社会保险法/);

    // analytics counts the return against hrss and the re-dispatch against district (退单率, 改派).
    type UnitFigures = { unitCode: string; attempts: number; returnsAccepted: number; redispatches: number; returnRate: number };
    const quality = await eventually('the return in the dispatch figures', async () => {
      const body = (await p.api('analytics', 'GET', '/v1/metrics/dispatch-quality', as('supervisor'))).body;
      const units = body.units as UnitFigures[];
      return units.some((u) => u.unitCode === 'district' && u.redispatches >= 1) ? units : undefined;
    });
    expect(quality.find((u) => u.unitCode === 'hrss')).toMatchObject({ attempts: 1, returnsAccepted: 1, returnRate: 1 });
    expect(quality.find((u) => u.unitCode === 'district')).toMatchObject({ attempts: 1, redispatches: 1, returnsAccepted: 0 });
  });

  it('rejects a return: the unit keeps its order, its clocks as they were', async () => {
    const { requestId, order } = await dispatchedToHrss();
    const filed = await fileReturn(requestId, 'hrss');
    const decided = await p.api('dispatch', 'POST', `/v1/returns/${filed.body.id}/decision`, as('supervisor'), {
      decision: 'reject', note: '属本单位权责清单事项',
    });
    expect(decided.body).toMatchObject({ status: 'rejected' });
    expect((await p.api('dispatch', 'POST', `/v1/returns/${filed.body.id}/decision`, as('dispatcher'), {
      decision: 'accept', note: '再议',
    })).status).toBe(409);
    // The unit keeps the order, as it was: same status and dues.
    const after = await ordersOf(requestId, (orders) => orders.find((o) => o.id === order.id));
    expect(after).toMatchObject({ status: order.status, signDueAt: order.signDueAt, handleDueAt: order.handleDueAt, cancelReason: null });
  });

  it('escalates a hard case up the unit tree: the city government takes the primary share, hrss’s order is cancelled', async () => {
    const { requestId, order } = await dispatchedToHrss();
    const escalated = await p.api('dispatch', 'POST', `/v1/dispatches/${requestId}/escalation`, as('supervisor'), {
      reason: '养老保险跨省转移涉及人社、医保和税务,需市政府统筹',
    });
    expect(escalated.status).toBe(201);
    expect(escalated.body.dispatch).toMatchObject({ mode: 'escalated', attempt: 2, designated: true, assignments: [{ unitCode: 'city-gov', role: 'primary' }] });
    const cancelled = await ordersOf(requestId, (orders) => orders.find((o) => o.id === order.id && o.status === 'cancelled'));
    expect(cancelled.cancelReason).toBe('escalated');
    const next = await ordersOf(requestId, (orders) => orders.find((o) => o.unitCode === 'city-gov' && o.role === 'primary'));
    expect(next.status).toBe('awaiting-sign');
    // The timeline names the escalation (without its reason); the figures count it for city-gov.
    type Step = { status: string | null; note: string };
    const timeline = await eventually('the escalation in the timeline', async () => {
      const steps = (await p.api('intake', 'GET', `/v1/requests/${requestId}`, as('agent'))).body.timeline as Step[];
      return steps.some((t) => t.note.startsWith('escalated')) ? steps : undefined;
    });
    expect(JSON.stringify(timeline)).not.toContain('需市政府统筹');
    await eventually('the escalation in the dispatch figures', async () => {
      const units = (await p.api('analytics', 'GET', '/v1/metrics/dispatch-quality', as('supervisor'))).body.units as Array<{ unitCode: string; escalations: number }>;
      return units.find((u) => u.unitCode === 'city-gov')?.escalations === 1;
    });
  });
});
