import { Events } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents, timersOf } from './work-order-fixtures';

const answer = { answer: '已协调施工单位调整作业时间', basis: '《环境噪声污染防治法》第四十三条', contactRecord: '12-01 电话联系诉求人' };
const ask = { extraWorkingDays: 3, reason: '涉及多部门联合执法,需现场复查', basis: '《12345热线工作规范》延期条款' };

describe('handling under control: extensions (延期) and pre-breach warnings (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const view = (tenantId: string, id: string) => sut.as(tenantId, ['supervisor'])('GET', `/v1/work-orders/${id}`);
  const history = (tenantId: string, id: string) => sut.as(tenantId, ['supervisor'])('GET', `/v1/work-orders/${id}/extensions`);
  const rows = async (sql: string, params: unknown[]) => sut.service.context.dataSource.query(sql, params);
  const minutes = (amount: number) => ({ unit: 'calendar-minutes', amount });

  /** A tenant whose complaints must be handled in `handling` (signed for in a day). */
  async function limits(tenantId: string, handling: { unit: string; amount: number }) {
    const rules = [{ requestType: 'complaint', urgency: 'normal', signFor: { unit: 'working-days', amount: 1 }, handling }];
    expect((await sut.as(tenantId, ['tenant-admin'])('PUT', '/v1/time-limits', { rules })).status).toBe(200);
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  it('approved: the due moves (original kept, approver recorded), the timer follows, and the answer is on time against the approved due', async () => {
    await limits('city-e', minutes(30));
    // The handling due is a few seconds away: the unit asks and the hotline approves before it.
    const dispatchedAt = new Date(Date.now() - 30 * 60_000 + 8_000).toISOString();
    const orders = await dispatchAndWait(sut, 'city-e', dispatched(brief(), [assignment('u-ext'), assignment('u-plain', 'assisting')], dispatchedAt), 2);
    const [ext, plain] = ['u-ext', 'u-plain'].map((code) => orders.find((o: { unitCode: string }) => o.unitCode === code));
    const unit = await sut.token('city-e', ['unit-operator'], 'u-ext');

    const asked = await sut.request('POST', `/v1/work-orders/${ext.id}/extensions`, unit, ask);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', refusal: null, extraWorkingDays: 3, currentDueAt: ext.handleDueAt });
    // Only the hotline decides: the unit cannot approve its own request.
    expect((await sut.request('POST', `/v1/work-orders/${ext.id}/extensions/${asked.body.id}/approve`, unit, {})).status).toBe(403);
    const approved = await sut.as('city-e', ['supervisor'])('POST', `/v1/work-orders/${ext.id}/extensions/${asked.body.id}/approve`, { note: '同意延期' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: expect.any(String), decisionNote: '同意延期' });

    const extended = (await view('city-e', ext.id)).body;
    expect(extended).toMatchObject({ handleDueAt: ext.handleDueAt, extendedDueAt: asked.body.proposedDueAt, handlingDueAt: asked.body.proposedDueAt });
    // The light follows the new due: green again, with its warning timers moved with it.
    expect(extended.warningLevel).toBe('green');
    const yellowAt = (await timersOf(sut, ext.id, '%')).find((t) => t.kind === 'handle-warning-yellow');
    expect(yellowAt?.state).toBe('pending');
    expect(new Date(yellowAt!.due_at).getTime()).toBeGreaterThan(new Date(ext.handleDueAt).getTime());
    expect(new Date(extended.handlingDueAt).getTime()).toBeGreaterThan(new Date(ext.handleDueAt).getTime() + 3 * 86_400_000);
    const clock = (await history('city-e', ext.id)).body;
    expect(clock).toMatchObject({ originalDueAt: ext.handleDueAt, handlingDueAt: asked.body.proposedDueAt });
    expect(clock.extensions).toEqual([expect.objectContaining({ id: asked.body.id, status: 'approved', decidedBy: approved.body.decidedBy })]);
    const timer = (await timersOf(sut, ext.id)).find((t) => t.kind === 'handle-overdue');
    expect(timer).toMatchObject({ state: 'pending', due_at: new Date(asked.body.proposedDueAt) });
    const [decided] = await outboxEvents(sut, Events.handling.workOrderExtensionDecided, ext.id);
    expect(decided).toMatchObject({ status: 'approved', originalDueAt: ext.handleDueAt, handlingDueAt: asked.body.proposedDueAt, approvedCount: 1 });
    const [requested] = await outboxEvents(sut, Events.handling.workOrderExtensionRequested, ext.id);
    expect(requested).toMatchObject({ extensionId: asked.body.id, extraWorkingDays: 3, proposedDueAt: asked.body.proposedDueAt });

    // Past the original due: the order without an extension is flagged, the extended one is not.
    await eventually('the other order flagged overdue', async () => (await view('city-e', plain.id)).body.handleOverdue, 30_000);
    expect(Date.now()).toBeGreaterThan(new Date(ext.handleDueAt).getTime());
    // The assisting unit gives its input first: the lead answers with it (ADR 0026).
    for (const [code, order] of [['u-plain', plain], ['u-ext', ext]] as const) {
      const staff = await sut.token('city-e', ['unit-operator'], code);
      await sut.request('POST', `/v1/work-orders/${order.id}/sign`, staff);
      expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer`, staff, answer)).status).toBe(200);
    }
    const [onTime] = await outboxEvents(sut, Events.handling.workOrderAnswered, ext.id);
    const [late] = await outboxEvents(sut, Events.handling.workOrderAnswered, plain.id);
    expect([onTime!.onTime, late!.onTime]).toEqual([true, false]);
    expect((await view('city-e', ext.id)).body).toMatchObject({ handleOverdue: false, warningLevel: 'green' });
    expect(await outboxEvents(sut, Events.handling.workOrderOverdue, ext.id)).toEqual([]);
  });

  it('refused by the hotline: the due stays; the unit may ask again', async () => {
    const [order] = await dispatchAndWait(sut, 'city-f', dispatched(brief(), [assignment('u-f')]), 1);
    const unit = await sut.token('city-f', ['unit-operator'], 'u-f');
    const asked = await sut.request('POST', `/v1/work-orders/${order.id}/extensions`, unit, ask);
    // One pending at a time.
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/extensions`, unit, ask)).status).toBe(409);
    const refused = await sut.as('city-f', ['supervisor'])('POST', `/v1/work-orders/${order.id}/extensions/${asked.body.id}/refuse`, { note: '理由不充分' });
    expect(refused.body).toMatchObject({ status: 'refused', refusal: 'refused-by-hotline' });
    expect((await sut.as('city-f', ['supervisor'])('POST', `/v1/work-orders/${order.id}/extensions/${asked.body.id}/approve`, {})).status).toBe(409);
    expect((await view('city-f', order.id)).body).toMatchObject({ handleDueAt: order.handleDueAt, extendedDueAt: null, handlingDueAt: order.handleDueAt });
    const [decided] = await outboxEvents(sut, Events.handling.workOrderExtensionDecided, order.id);
    expect(decided).toMatchObject({ status: 'refused', refusal: 'refused-by-hotline', handlingDueAt: order.handleDueAt, approvedCount: 0 });
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/extensions`, unit, ask)).status).toBe(201);
    // Another unit's staff do not see the order at all.
    const other = await sut.token('city-f', ['unit-operator'], 'u-other');
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/extensions`, other, ask)).status).toBe(404);
  });

  it('asked after the due: recorded, refused at once and the order counts as overdue', async () => {
    await limits('city-g', minutes(30));
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const [order] = await dispatchAndWait(sut, 'city-g', dispatched(brief(), [assignment('u-g')], twoHoursAgo), 1);
    const unit = await sut.token('city-g', ['unit-operator'], 'u-g');
    const asked = await sut.request('POST', `/v1/work-orders/${order.id}/extensions`, unit, ask);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'refused', refusal: 'requested-after-due', decidedBy: 'system:handling' });
    const [decided] = await outboxEvents(sut, Events.handling.workOrderExtensionDecided, order.id);
    expect(decided).toMatchObject({ status: 'refused', refusal: 'requested-after-due', handlingDueAt: order.handleDueAt });
    await eventually('flagged overdue', async () => (await view('city-g', order.id)).body.handleOverdue);
    expect((await view('city-g', order.id)).body.handlingDueAt).toBe(order.handleDueAt);
  });

  it('enforces the tenant limits: by default one extension of at most 10 working days; a Shanghai-style total of 15', async () => {
    const [order] = await dispatchAndWait(sut, 'city-h', dispatched(brief(), [assignment('u-h')]), 1);
    const unit = await sut.token('city-h', ['unit-operator'], 'u-h');
    expect((await sut.as('city-h', ['supervisor'])('GET', '/v1/extension-policy')).body).toEqual({
      maxExtensions: 1, maxExtraWorkingDays: 10, maxTotalWorkingDays: null, source: 'default',
    });
    const tooLong = await sut.request('POST', `/v1/work-orders/${order.id}/extensions`, unit, { ...ask, extraWorkingDays: 11 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'extraWorkingDays' })]);
    expect(await rows(`select 1 from work_order_extensions where work_order_id = $1`, [order.id])).toEqual([]);
    expect(await outboxEvents(sut, Events.handling.workOrderExtensionRequested, order.id)).toEqual([]);
    const ten = await sut.request('POST', `/v1/work-orders/${order.id}/extensions`, unit, { ...ask, extraWorkingDays: 10 });
    await sut.as('city-h', ['supervisor'])('POST', `/v1/work-orders/${order.id}/extensions/${ten.body.id}/approve`, {});
    const second = await sut.request('POST', `/v1/work-orders/${order.id}/extensions`, unit, { ...ask, extraWorkingDays: 1 });
    expect(second.status).toBe(400);
    expect(second.body.errors[0].message).toMatch(/at most 1 extension/);

    // Shanghai 大宁路: 15 working days in all, handling limit included.
    await limits('city-s', { unit: 'working-days', amount: 5 });
    const shanghai = { maxExtensions: 3, maxExtraWorkingDays: null, maxTotalWorkingDays: 15 };
    expect((await sut.as('city-s', ['tenant-admin'])('PUT', '/v1/extension-policy', shanghai)).body).toEqual({ ...shanghai, source: 'tenant' });
    const [sh] = await dispatchAndWait(sut, 'city-s', dispatched(brief(), [assignment('u-s')]), 1);
    const staff = await sut.token('city-s', ['unit-operator'], 'u-s');
    for (const days of [6, 4]) {
      const res = await sut.request('POST', `/v1/work-orders/${sh.id}/extensions`, staff, { ...ask, extraWorkingDays: days });
      expect((await sut.as('city-s', ['supervisor'])('POST', `/v1/work-orders/${sh.id}/extensions/${res.body.id}/approve`, {})).status).toBe(200);
    }
    const over = await sut.request('POST', `/v1/work-orders/${sh.id}/extensions`, staff, { ...ask, extraWorkingDays: 1 });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].message).toMatch(/at most 15 working days; this would make 16/);
    const clock = (await history('city-s', sh.id)).body;
    expect(clock.extensions.map((e: { extraWorkingDays: number; status: string }) => [e.extraWorkingDays, e.status])).toEqual([[6, 'approved'], [4, 'approved']]);
    expect(clock.originalDueAt).toBe(sh.handleDueAt);
    // The tenant admin alone sets the policy.
    expect((await sut.as('city-s', ['supervisor'])('PUT', '/v1/extension-policy', shanghai)).status).toBe(403);
  });

  it('warns yellow at 80 % and red at 95 % of the handling time, on durable timers, as events and in the order view', async () => {
    await limits('city-w', minutes(1));
    expect((await sut.as('city-w', ['supervisor'])('GET', '/v1/warning-policy')).body).toEqual({ yellowPercent: 80, redPercent: 95, source: 'default' });
    const bad = await sut.as('city-w', ['tenant-admin'])('PUT', '/v1/warning-policy', { yellowPercent: 90, redPercent: 90 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'redPercent' })]);
    // A one-minute clock started 44 s ago: yellow at 48 s, red at 57 s, the due at 60 s.
    const start = new Date(Date.now() - 44_000);
    const [order] = await dispatchAndWait(sut, 'city-w', dispatched(brief(), [assignment('u-w')], start.toISOString()), 1);
    expect(order.warningLevel).toBe('green');
    const timers = await timersOf(sut, order.id, 'handle-warning-%');
    const at = (percent: number) => new Date(start.getTime() + 600 * percent);
    expect(timers.map((t) => [t.kind, t.due_at])).toEqual([
      ['handle-warning-red', at(95)],
      ['handle-warning-yellow', at(80)],
    ]);
    await eventually('yellow', async () => (await view('city-w', order.id)).body.warningLevel === 'yellow');
    await eventually('red', async () => (await view('city-w', order.id)).body.warningLevel === 'red');
    const raised = await outboxEvents(sut, Events.handling.workOrderWarningRaised, order.id);
    expect(raised.map((e) => [e.level, e.thresholdPercent, e.warnAt, e.dueAt])).toEqual([
      ['yellow', 80, at(80).toISOString(), order.handleDueAt],
      ['red', 95, at(95).toISOString(), order.handleDueAt],
    ]);
    for (const e of raised) expect(new Date(e.raisedAt).getTime()).toBeGreaterThanOrEqual(new Date(e.warnAt).getTime());
  });
});
