import { createWorkingCalendar } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { DEFAULT_URGING_POLICY, urgeCircularAt, urgeNoticeAt, UrgingPolicy } from '@hotline/handling-domain';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents, timersOf } from './work-order-fixtures';

// The national calendar, as a tenant without a calendar of its own has it.
const calendar = createWorkingCalendar();
const answer = { answer: '已协调施工单位调整作业时间', basis: '《环境噪声污染防治法》第四十三条', contactRecord: '12-01 电话联系诉求人' };
const DAY = 86_400_000;

describe('urging (催办) by hand and on the ladder: notice, then circular (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const urges = (tenantId: string, id: string) => sut.as(tenantId, ['supervisor'])('GET', `/v1/work-orders/${id}/urges`);
  const levels = async (tenantId: string, id: string) => (await urges(tenantId, id)).body.items.map((u: { level: string }) => u.level);

  /** A tenant whose complaints must be handled within 30 calendar minutes of dispatch. */
  async function limits(tenantId: string) {
    const rules = [{ requestType: 'complaint', urgency: 'normal', signFor: { unit: 'working-days', amount: 1 }, handling: { unit: 'calendar-minutes', amount: 30 } }];
    expect((await sut.as(tenantId, ['tenant-admin'])('PUT', '/v1/time-limits', { rules })).status).toBe(200);
  }

  /** How many days ago to dispatch so that, by the ladder, the notice has gone and the circular is still to come. */
  function daysBetweenNoticeAndCircular(policy: UrgingPolicy): number {
    for (let days = 1; days < 30; days++) {
      const dueAt = new Date(Date.now() - days * DAY + 30 * 60_000);
      const notice = urgeNoticeAt(calendar, dueAt, policy);
      if (notice.getTime() < Date.now() - 60_000 && urgeCircularAt(calendar, notice, policy).getTime() > Date.now() + 3_600_000) return days;
    }
    throw new Error('no such day');
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  it('a reminder by hand: recorded with its note masked, announced, listed for the unit; only the hotline urges, and only an open order', async () => {
    const [order] = await dispatchAndWait(sut, 'city-u1', dispatched(brief(), [assignment('u-1')]), 1);
    const dispatcher = sut.as('city-u1', ['dispatcher']);
    const urged = await dispatcher('POST', `/v1/work-orders/${order.id}/urges`, { method: 'phone', note: '已电话催办, 联系人 13812345678' });
    expect(urged.status).toBe(201);
    expect(urged.body).toMatchObject({ level: 'reminder', method: 'phone', overdue: false, copiedToLeader: false, dueAt: order.handleDueAt });
    expect(urged.body.note).not.toContain('13812345678');
    const [event] = await outboxEvents(sut, Events.handling.workOrderUrged, order.id);
    expect(event).toMatchObject({ urgeId: urged.body.id, level: 'reminder', method: 'phone', overdue: false, copiedToLeader: false, urgeCount: 1, unitId: order.unitId });

    // The unit sees its urges and cannot urge; another unit does not see the order at all.
    const unit = await sut.token('city-u1', ['unit-operator'], 'u-1');
    const seen = await sut.request('GET', `/v1/work-orders/${order.id}/urges`, unit);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: urged.body.id })] });
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/urges`, unit, { method: 'phone' })).status).toBe(403);
    const other = await sut.token('city-u1', ['unit-operator'], 'u-other');
    expect((await sut.request('GET', `/v1/work-orders/${order.id}/urges`, other)).status).toBe(404);
    // Bad input names the field and writes nothing.
    const bad = await dispatcher('POST', `/v1/work-orders/${order.id}/urges`, { method: 'fax' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'method' })]);
    expect((await urges('city-u1', order.id)).body.total).toBe(1);

    await sut.request('POST', `/v1/work-orders/${order.id}/sign`, unit);
    expect((await dispatcher('POST', `/v1/work-orders/${order.id}/urges`, { method: 'written', note: '请尽快办理' })).status).toBe(201);
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer`, unit, answer)).status).toBe(200);
    expect((await dispatcher('POST', `/v1/work-orders/${order.id}/urges`, { method: 'phone' })).status).toBe(409);
    expect((await outboxEvents(sut, Events.handling.workOrderUrged, order.id)).map((e) => e.urgeCount)).toEqual([1, 2]);
  });

  it('breached long ago and never answered: the notice on the working day after the due (copied to the leader), then the circular, each once', async () => {
    await limits('city-u2');
    expect((await sut.as('city-u2', ['supervisor'])('GET', '/v1/urging-policy')).body).toEqual({ ...DEFAULT_URGING_POLICY, source: 'default' });
    const [order] = await dispatchAndWait(sut, 'city-u2', dispatched(brief(), [assignment('u-2')], new Date(Date.now() - 30 * DAY).toISOString()), 1);
    await eventually('notice and circular', async () => (await levels('city-u2', order.id)).join() === 'notice,circular', 30_000);
    const noticeAt = urgeNoticeAt(calendar, new Date(order.handleDueAt), DEFAULT_URGING_POLICY);
    const timers = await timersOf(sut, order.id, 'urge-%');
    expect(timers.map((t) => [t.kind, t.state, t.due_at])).toEqual([
      ['urge-circular', 'fired', urgeCircularAt(calendar, noticeAt, DEFAULT_URGING_POLICY)],
      ['urge-notice', 'fired', noticeAt],
    ]);
    const events = await outboxEvents(sut, Events.handling.workOrderUrged, order.id);
    expect(events.map((e) => [e.level, e.method, e.urgedBy, e.overdue, e.copiedToLeader, e.dueAt, e.urgeCount])).toEqual([
      ['notice', 'written', 'system:handling', true, true, order.handleDueAt, 1],
      ['circular', 'written', 'system:handling', true, true, order.handleDueAt, 2],
    ]);
    // A reminder by hand still goes; the ladder's steps are not repeated.
    expect((await sut.as('city-u2', ['supervisor'])('POST', `/v1/work-orders/${order.id}/urges`, { method: 'phone' })).body).toMatchObject({ overdue: true });
    expect(await levels('city-u2', order.id)).toEqual(['notice', 'circular', 'reminder']);
  });

  it('answered after the notice: no circular, its timer no longer pending', async () => {
    await limits('city-u3');
    const days = daysBetweenNoticeAndCircular(DEFAULT_URGING_POLICY);
    const [order] = await dispatchAndWait(sut, 'city-u3', dispatched(brief(), [assignment('u-3')], new Date(Date.now() - days * DAY).toISOString()), 1);
    await eventually('the notice', async () => (await levels('city-u3', order.id)).includes('notice'), 30_000);
    const pending = await timersOf(sut, order.id, 'urge-circular');
    expect(pending).toEqual([expect.objectContaining({ state: 'pending' })]);
    const unit = await sut.token('city-u3', ['unit-operator'], 'u-3');
    await sut.request('POST', `/v1/work-orders/${order.id}/sign`, unit);
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer`, unit, answer)).status).toBe(200);
    expect((await timersOf(sut, order.id, 'urge-circular')).filter((t) => t.state === 'pending')).toEqual([]);
    expect(await levels('city-u3', order.id)).toEqual(['notice']);
  });

  it("follows the tenant's ladder, and refuses a bad one naming the field", async () => {
    const admin = sut.as('city-u4', ['tenant-admin']);
    const bad = await admin('PUT', '/v1/urging-policy', { noticeAfterDueWorkingDays: 0, circularAfterNoticeWorkingDays: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'noticeAfterDueWorkingDays' })]);
    expect((await sut.as('city-u4', ['dispatcher'])('PUT', '/v1/urging-policy', { noticeAfterDueWorkingDays: 2, circularAfterNoticeWorkingDays: 3 })).status).toBe(403);
    const policy = { noticeAfterDueWorkingDays: 2, circularAfterNoticeWorkingDays: 3, circularAfterUrges: 2 };
    expect((await admin('PUT', '/v1/urging-policy', policy)).body).toEqual({ ...policy, source: 'tenant' });
    await limits('city-u4');
    const days = daysBetweenNoticeAndCircular(policy);
    const [order] = await dispatchAndWait(sut, 'city-u4', dispatched(brief(), [assignment('u-4')], new Date(Date.now() - days * DAY).toISOString()), 1);
    await eventually('the notice', async () => (await levels('city-u4', order.id)).includes('notice'), 30_000);
    const noticeAt = urgeNoticeAt(calendar, new Date(order.handleDueAt), policy);
    expect((await timersOf(sut, order.id, 'urge-%')).map((t) => [t.kind, t.state, t.due_at])).toEqual([
      ['urge-circular', 'pending', urgeCircularAt(calendar, noticeAt, policy)],
      ['urge-notice', 'fired', noticeAt],
    ]);
  });
});
