import { createWorkingCalendar } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { repeatUrgeCircularAt } from '@hotline/handling-domain';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents, staffToken, timersOf } from './work-order-fixtures';

const answer = { answer: '已现场核实并处理', basis: '《城市市容和环境卫生管理条例》', contactRecord: '12-02 电话联系诉求人' };
const minutes = (amount: number) => ({ unit: 'calendar-minutes', amount });
const MINUTE = 60_000;

describe('honest clocks: where the handling clock starts, pauses, 催办两次 → 通报, 重件 by the principal (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const supervisor = (tenantId: string) => sut.as(tenantId, ['supervisor']);
  const view = async (tenantId: string, id: string) => (await supervisor(tenantId)('GET', `/v1/work-orders/${id}`)).body;
  const rows = async (sql: string, params: unknown[]) => sut.service.context.dataSource.query(sql, params);

  async function limits(tenantId: string, signFor: { unit: string; amount: number }, handling: { unit: string; amount: number }, urgency = 'normal') {
    const rules = [{ requestType: 'complaint', urgency, signFor, handling }];
    expect((await sut.as(tenantId, ['tenant-admin'])('PUT', '/v1/time-limits', { rules })).status).toBe(200);
  }

  async function signed(tenantId: string, unitCode: string, dispatchedAt?: string) {
    const [order] = await dispatchAndWait(sut, tenantId, dispatched(brief(), [assignment(unitCode)], dispatchedAt), 1);
    // Dispatched in the past, its overdue timer fires at once: sign after it, not in a race with it.
    if (dispatchedAt) await eventually('flagged overdue', async () => (await view(tenantId, order.id)).handleOverdue, 30_000);
    const unit = await sut.token(tenantId, ['unit-operator'], unitCode);
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/sign`, unit)).status).toBe(200);
    return { order: await view(tenantId, order.id), unit };
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  it('the clock policy: a documented default, the admin sets it, bad input names the field', async () => {
    const admin = sut.as('city-k1', ['tenant-admin']);
    expect((await supervisor('city-k1')('GET', '/v1/clock-policy')).body).toEqual({ handlingStartsAt: 'dispatch', maxPauses: 2, maxPauseWorkingDays: 10, source: 'default' });
    const bad = await admin('PUT', '/v1/clock-policy', { handlingStartsAt: 'receipt', maxPauses: 2, maxPauseWorkingDays: 10 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'handlingStartsAt' })]);
    expect((await sut.as('city-k1', ['dispatcher'])('PUT', '/v1/clock-policy', { handlingStartsAt: 'sign-for', maxPauses: 1, maxPauseWorkingDays: 5 })).status).toBe(403);
    expect((await supervisor('city-k1')('GET', '/v1/clock-policy')).body.source).toBe('default');
    const put = await admin('PUT', '/v1/clock-policy', { handlingStartsAt: 'sign-for', maxPauses: 1, maxPauseWorkingDays: 5 });
    expect(put.body).toEqual({ handlingStartsAt: 'sign-for', maxPauses: 1, maxPauseWorkingDays: 5, source: 'tenant' });
  });

  it('from the sign-for: planned at the sign-for due, started at the sign-for, and a late sign gains no time', async () => {
    await sut.as('city-k2', ['tenant-admin'])('PUT', '/v1/clock-policy', { handlingStartsAt: 'sign-for', maxPauses: 2, maxPauseWorkingDays: 10 });
    await limits('city-k2', minutes(30), minutes(60));
    const [order] = await dispatchAndWait(sut, 'city-k2', dispatched(brief(), [assignment('u-s1')]), 1);
    expect(order).toMatchObject({ handlingClockStart: 'sign-for', handlingStartedAt: order.signDueAt });
    expect(new Date(order.handleDueAt).getTime()).toBe(new Date(order.signDueAt).getTime() + 60 * MINUTE);
    const unit = await sut.token('city-k2', ['unit-operator'], 'u-s1');
    const before = Date.now();
    const sign = await sut.request('POST', `/v1/work-orders/${order.id}/sign`, unit);
    const startedAt = new Date(sign.body.handlingStartedAt).getTime();
    expect(startedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(startedAt).toBeLessThan(new Date(order.signDueAt).getTime());
    expect(new Date(sign.body.handleDueAt).getTime()).toBe(startedAt + 60 * MINUTE);
    const [event] = await outboxEvents(sut, Events.handling.workOrderSigned, order.id);
    expect(event).toMatchObject({ onTime: true, handleStartedAt: sign.body.handlingStartedAt, handleDueAt: sign.body.handleDueAt });
    const timer = (await timersOf(sut, order.id)).find((t) => t.kind === 'handle-overdue');
    expect(timer).toMatchObject({ state: 'pending', due_at: new Date(sign.body.handleDueAt) });

    // Dispatched two hours ago with 30 minutes to sign: the clock started at the sign-for due, so it is overdue at once.
    const twoHoursAgo = new Date(Date.now() - 120 * MINUTE).toISOString();
    const [late] = await dispatchAndWait(sut, 'city-k2', dispatched(brief(), [assignment('u-s2')], twoHoursAgo), 1);
    // Both its clocks are breached at once: sign after their timers fired, not in a race with them.
    await eventually('both clocks flagged', async () => {
      const v = await view('city-k2', late.id);
      return v.signOverdue && v.handleOverdue;
    }, 30_000);
    const lateUnit = await sut.token('city-k2', ['unit-operator'], 'u-s2');
    const lateSign = await sut.request('POST', `/v1/work-orders/${late.id}/sign`, lateUnit);
    expect(lateSign.body.handlingStartedAt).toBe(late.signDueAt);
    expect(lateSign.body.handleDueAt).toBe(late.handleDueAt);
    await eventually('the late order flagged overdue', async () => (await view('city-k2', late.id)).handleOverdue, 30_000);
    // A tenant counting from the dispatch keeps the old behaviour.
    const { order: plain } = await signed('city-k1-plain', 'u-s3');
    expect(plain).toMatchObject({ handlingClockStart: 'dispatch', handlingStartedAt: plain.createdAt });
  });

  it('a pause: asked by the unit, approved by the hotline, the clock and its timers stop, and the due moves by the time stood still', async () => {
    await limits('city-k3', { unit: 'working-days', amount: 1 }, minutes(30));
    const { order, unit } = await signed('city-k3', 'u-p1');
    const pauses = `/v1/work-orders/${order.id}/pauses`;
    const bad = await sut.request('POST', pauses, unit, { reason: 'lunch' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await sut.request('POST', pauses, await sut.token('city-k3', ['unit-operator'], 'u-other'), { reason: 'awaiting-requester' })).status).toBe(404);
    expect((await supervisor('city-k3')('POST', pauses, { reason: 'awaiting-requester' })).status).toBe(403);
    expect(await rows(`select 1 from work_order_pauses where work_order_id = $1`, [order.id])).toEqual([]);

    const asked = await sut.request('POST', pauses, unit, { reason: 'awaiting-requester', note: '等待诉求人提供照片, 电话 13812345678' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', reason: 'awaiting-requester' });
    expect(asked.body.note).not.toContain('13812345678');
    expect((await sut.request('POST', pauses, unit, { reason: 'awaiting-requester' })).status).toBe(409);
    expect((await sut.request('POST', `${pauses}/${asked.body.id}/approve`, unit, {})).status).toBe(403);
    const approved = await supervisor('city-k3')('POST', `${pauses}/${asked.body.id}/approve`, { note: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'running', dueBefore: order.handlingDueAt, resumesBy: expect.any(String) });
    const paused = await view('city-k3', order.id);
    expect(paused.pausedAt).toBe(approved.body.startedAt);
    expect((await timersOf(sut, order.id, 'handle-%')).filter((t) => t.state === 'pending')).toEqual([]);
    expect((await timersOf(sut, asked.body.id, 'pause-limit')).map((t) => t.state)).toEqual(['pending']);
    // No extension while the clock stands still.
    const extension = await sut.request('POST', `/v1/work-orders/${order.id}/extensions`, unit, { extraWorkingDays: 1, reason: '复杂', basis: '规定' });
    expect(extension.status).toBe(409);

    await new Promise((r) => setTimeout(r, 1500));
    const ended = await sut.request('POST', `${pauses}/${asked.body.id}/end`, unit);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endKind: 'resumed' });
    const resumed = await view('city-k3', order.id);
    const stoodStill = new Date(ended.body.endedAt).getTime() - new Date(approved.body.startedAt).getTime();
    expect(stoodStill).toBeGreaterThanOrEqual(1500);
    // A minutes clock gets the exact time back; the original due is kept beside it.
    expect(new Date(resumed.handlingDueAt).getTime()).toBe(new Date(order.handlingDueAt).getTime() + stoodStill);
    expect(resumed).toMatchObject({ pausedAt: null, handleDueAt: order.handleDueAt });
    expect((await timersOf(sut, order.id)).find((t) => t.kind === 'handle-overdue')).toMatchObject({ state: 'pending', due_at: new Date(resumed.handlingDueAt) });
    expect((await timersOf(sut, asked.body.id, 'pause-limit')).map((t) => t.state)).toEqual(['cancelled']);
    const history = (await supervisor('city-k3')('GET', `/v1/work-orders/${order.id}/extensions`)).body;
    expect(history).toMatchObject({ originalDueAt: order.handleDueAt, handlingDueAt: resumed.handlingDueAt, handlingClockStart: 'dispatch' });
    expect(history.pauses).toEqual([expect.objectContaining({ id: asked.body.id, status: 'ended', dueAfter: resumed.handlingDueAt, decidedBy: approved.body.decidedBy })]);
    const steps = (await outboxEvents(sut, Events.handling.workOrderPauseChanged, order.id)).map((e) => [e!.step, e!.status]);
    expect(steps).toEqual([['asked', 'pending'], ['started', 'running'], ['ended', 'ended']]);
    // The answer is on time against the moved due.
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer`, unit, answer)).status).toBe(200);
    const [answered] = await outboxEvents(sut, Events.handling.workOrderAnswered, order.id);
    expect(answered!.onTime).toBe(true);
  });

  it('the approval queue: pending extension and pause requests of the tenant, oldest first, with their orders', async () => {
    const T = 'city-kq';
    await limits(T, { unit: 'working-days', amount: 1 }, { unit: 'working-days', amount: 10 });
    const first = await signed(T, 'u-q1');
    const second = await signed(T, 'u-q2');
    const pause = await sut.request('POST', `/v1/work-orders/${first.order.id}/pauses`, first.unit, { reason: 'awaiting-requester' });
    expect(pause.status).toBe(201);
    const extension = await sut.request('POST', `/v1/work-orders/${second.order.id}/extensions`, second.unit, { extraWorkingDays: 3, reason: '需协调多部门', basis: '涉及跨部门会商' });
    expect(extension.status).toBe(201);
    const queue = await supervisor(T)('GET', '/v1/approvals');
    expect(queue.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(queue.body.items).toEqual([
      expect.objectContaining({ kind: 'pause', id: pause.body.id, order: expect.objectContaining({ id: first.order.id }), pause: expect.objectContaining({ status: 'pending' }), extension: null }),
      expect.objectContaining({ kind: 'extension', id: extension.body.id, order: expect.objectContaining({ id: second.order.id }), handlingDueAt: second.order.handlingDueAt }),
    ]);
    expect((await supervisor(T)('GET', '/v1/approvals?kind=extension')).body.items.map((i: { id: string }) => i.id)).toEqual([extension.body.id]);
    expect((await supervisor(T)('GET', '/v1/approvals?kind=nothing')).body.errors).toEqual([expect.objectContaining({ field: 'query.kind' })]);
    expect((await sut.request('GET', '/v1/approvals', first.unit)).status).toBe(403);
    // Decided, it leaves the queue; another tenant's queue is its own.
    await supervisor(T)('POST', `/v1/work-orders/${first.order.id}/pauses/${pause.body.id}/refuse`, { note: '无需暂停' });
    expect((await supervisor(T)('GET', '/v1/approvals')).body.items.map((i: { id: string }) => i.id)).toEqual([extension.body.id]);
    expect((await supervisor('city-other')('GET', '/v1/approvals')).body).toMatchObject({ items: [], total: 0 });
  });

  it('refused, asked after the due, beyond the policy: nothing stops the clock', async () => {
    await limits('city-k4', { unit: 'working-days', amount: 1 }, minutes(30));
    const { order, unit } = await signed('city-k4', 'u-p2');
    const pauses = `/v1/work-orders/${order.id}/pauses`;
    const asked = await sut.request('POST', pauses, unit, { reason: 'awaiting-inspection' });
    const refused = await supervisor('city-k4')('POST', `${pauses}/${asked.body.id}/refuse`, { note: '无需检测' });
    expect(refused.body).toMatchObject({ status: 'refused', decisionNote: '无需检测' });
    expect((await view('city-k4', order.id)).pausedAt).toBeNull();
    expect((await supervisor('city-k4')('POST', `${pauses}/${asked.body.id}/approve`, {})).status).toBe(409);

    const { order: late, unit: lateUnit } = await signed('city-k4', 'u-p3', new Date(Date.now() - 120 * MINUTE).toISOString());
    const afterDue = await sut.request('POST', `/v1/work-orders/${late.id}/pauses`, lateUnit, { reason: 'awaiting-requester' });
    expect(afterDue.status).toBe(409);
    expect(await rows(`select 1 from work_order_pauses where work_order_id = $1`, [late.id])).toEqual([]);

    await sut.as('city-k4', ['tenant-admin'])('PUT', '/v1/clock-policy', { handlingStartsAt: 'dispatch', maxPauses: 0, maxPauseWorkingDays: 1 });
    const none = await sut.request('POST', pauses, unit, { reason: 'awaiting-requester' });
    expect(none.status).toBe(409);
    expect(none.body.detail).toMatch(/no pauses/);
  });

  it('resumes by itself at the longest pause, and an answer while paused ends the pause first', async () => {
    await limits('city-k5', { unit: 'working-days', amount: 1 }, minutes(30));
    const { order, unit } = await signed('city-k5', 'u-p4');
    const asked = await sut.request('POST', `/v1/work-orders/${order.id}/pauses`, unit, { reason: 'force-majeure' });
    await supervisor('city-k5')('POST', `/v1/work-orders/${order.id}/pauses/${asked.body.id}/approve`, {});
    // The longest pause is days away: bring its timer's due to now, as the passing days would.
    await rows(`update timers set due_at = now() where kind = 'pause-limit' and key = $1`, [asked.body.id]);
    await eventually('the pause ended at its limit', async () => (await view('city-k5', order.id)).pausedAt === null, 30_000);
    const [limit] = (await supervisor('city-k5')('GET', `/v1/work-orders/${order.id}/pauses`)).body.items;
    expect(limit).toMatchObject({ status: 'ended', endKind: 'limit-reached', endedBy: 'system:handling' });

    const { order: other, unit: otherUnit } = await signed('city-k5', 'u-p5');
    const again = await sut.request('POST', `/v1/work-orders/${other.id}/pauses`, otherUnit, { reason: 'awaiting-requester' });
    await supervisor('city-k5')('POST', `/v1/work-orders/${other.id}/pauses/${again.body.id}/approve`, {});
    expect((await sut.request('POST', `/v1/work-orders/${other.id}/answer`, otherUnit, answer)).status).toBe(200);
    const [moved] = (await supervisor('city-k5')('GET', `/v1/work-orders/${other.id}/pauses`)).body.items;
    expect(moved).toMatchObject({ status: 'ended', endKind: 'order-moved-on' });
    expect((await timersOf(sut, again.body.id, 'pause-limit')).map((t) => t.state)).toEqual(['cancelled']);
  });

  it('催办两次仍未办理: an overdue order urged twice is circulated the working day after', async () => {
    await limits('city-k6', { unit: 'working-days', amount: 1 }, minutes(30));
    // The ladder's own notice (and the circular after it) a week after the due, whatever the time
    // of day the suite runs: after midnight in Shanghai the default notice (the next working
    // day's start) would already be due, fire, and schedule its circular before the urges.
    expect((await sut.as('city-k6', ['tenant-admin'])('PUT', '/v1/urging-policy', { noticeAfterDueWorkingDays: 5, circularAfterNoticeWorkingDays: 5, circularAfterUrges: 2 })).status).toBe(200);
    const [order] = await dispatchAndWait(sut, 'city-k6', dispatched(brief(), [assignment('u-c1')], new Date(Date.now() - 120 * MINUTE).toISOString()), 1);
    await eventually('flagged overdue', async () => (await view('city-k6', order.id)).handleOverdue, 30_000);
    const dispatcher = sut.as('city-k6', ['dispatcher']);
    expect((await dispatcher('POST', `/v1/work-orders/${order.id}/urges`, { method: 'phone' })).status).toBe(201);
    // One urge: the ladder's notice waits for the next working day, no circular yet.
    expect((await timersOf(sut, order.id, 'urge-circular')).filter((t) => t.state === 'pending')).toEqual([]);
    const second = await dispatcher('POST', `/v1/work-orders/${order.id}/urges`, { method: 'written' });
    const expected = repeatUrgeCircularAt(createWorkingCalendar(), new Date(second.body.urgedAt), new Date(order.handleDueAt));
    expect((await timersOf(sut, order.id, 'urge-circular')).map((t) => [t.state, t.due_at])).toEqual([['pending', expected]]);
    await rows(`update timers set due_at = now() where kind = 'urge-circular' and key = $1`, [order.id]);
    await eventually('the circular', async () => {
      const urges = (await supervisor('city-k6')('GET', `/v1/work-orders/${order.id}/urges`)).body.items;
      return urges.some((u: { level: string; copiedToLeader: boolean }) => u.level === 'circular' && u.copiedToLeader);
    }, 30_000);
    // Turned off, two urges circulate nothing (the ladder's notice still a week away).
    await sut.as('city-k6', ['tenant-admin'])('PUT', '/v1/urging-policy', { noticeAfterDueWorkingDays: 5, circularAfterNoticeWorkingDays: 5, circularAfterUrges: 0 });
    const [quiet] = await dispatchAndWait(sut, 'city-k6', dispatched(brief(), [assignment('u-c2')], new Date(Date.now() - 120 * MINUTE).toISOString()), 1);
    await eventually('flagged overdue', async () => (await view('city-k6', quiet.id)).handleOverdue, 30_000);
    for (const method of ['phone', 'written']) await dispatcher('POST', `/v1/work-orders/${quiet.id}/urges`, { method });
    expect(await timersOf(sut, quiet.id, 'urge-circular')).toEqual([]);
  });

  it('重件 by the principal: the leader cannot sign off an urgent order, the principal can; ordinary ones stay with the leader', async () => {
    const admin = sut.as('city-k7', ['tenant-admin']);
    const bad = await admin('PUT', '/v1/sign-off-policy', { required: true, importantUrgencies: ['very'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/^importantUrgencies/);
    const policy = await admin('PUT', '/v1/sign-off-policy', { required: true, importantUrgencies: ['urgent'] });
    expect(policy.body).toEqual({ required: true, importantUrgencies: ['urgent'], importantWhenSupervised: false, source: 'tenant' });
    const [important] = await dispatchAndWait(sut, 'city-k7', dispatched(brief({ urgency: 'urgent' }), [assignment('u-i1')]), 1);
    const operator = await staffToken('city-k7', ['unit-operator'], 'city-k7:op', 'u-i1');
    const leader = await staffToken('city-k7', ['unit-leader'], 'city-k7:leader', 'u-i1');
    const principal = await staffToken('city-k7', ['unit-principal'], 'city-k7:principal', 'u-i1');
    await sut.request('POST', `/v1/work-orders/${important.id}/sign`, operator);
    const direct = await sut.request('POST', `/v1/work-orders/${important.id}/answer`, leader, answer);
    expect(direct.status).toBe(409);
    expect(direct.body.detail).toMatch(/重件/);
    expect((await sut.request('POST', `/v1/work-orders/${important.id}/answer-draft`, operator, answer)).status).toBe(201);
    const byLeader = await sut.request('POST', `/v1/work-orders/${important.id}/answer-draft/sign-off`, leader);
    expect(byLeader.status).toBe(403);
    expect(byLeader.body.detail).toMatch(/principal/);
    const byPrincipal = await sut.request('POST', `/v1/work-orders/${important.id}/answer-draft/sign-off`, principal);
    expect(byPrincipal.status).toBe(200);
    expect(byPrincipal.body).toMatchObject({ status: 'answered', answeredBy: 'city-k7:op', signedOffBy: 'city-k7:principal' });

    const [ordinary] = await dispatchAndWait(sut, 'city-k7', dispatched(brief(), [assignment('u-i1')]), 1);
    await sut.request('POST', `/v1/work-orders/${ordinary.id}/sign`, operator);
    const byOrdinaryLeader = await sut.request('POST', `/v1/work-orders/${ordinary.id}/answer`, leader, answer);
    expect(byOrdinaryLeader.status).toBe(200);
    expect(byOrdinaryLeader.body.signedOffBy).toBe('city-k7:leader');
  });
});
