import { Events, eventSubject, streamOf } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched } from './work-order-fixtures';

const DAY = 86_400_000;
const answer = { answer: '已协调施工单位调整作业时间', basis: '《环境噪声污染防治法》第四十三条', contactRecord: '12-01 电话联系诉求人' };

interface NotificationView {
  id: string;
  template: string;
  recipientKind: string;
  recipientRef: string;
  recipient: string;
  channel: string;
  params: Record<string, string>;
  sourceRef: string;
  status: string;
  attempts: number;
}

// The unit's notifications (issue 12, ADR 0029) through the default log-and-outbox adapter:
// enqueued with the change, delivered after it by announcing NotificationRequested on handling's
// stream, listed for the hotline.
describe("handling's notifications to units (real PostgreSQL and NATS)", () => {
  let sut: ServiceUnderTest;
  const list = async (tenantId: string, query = '') =>
    (await sut.as(tenantId, ['supervisor'])('GET', `/v1/notifications?limit=200${query}`)).body.items as NotificationView[];
  const ofOrder = async (tenantId: string, workOrderId: string) => (await list(tenantId)).filter((n) => n.params['workOrderId'] === workOrderId);

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService, { env: { NOTIFY_POLL_MS: '50' } });
  });
  afterAll(() => sut?.close());

  it('tells the unit of its new order once, delivered through NotificationRequested on the stream; the hotline lists it', async () => {
    const b = brief();
    const event = dispatched(b, [assignment('n-1'), assignment('n-2', 'assisting')]);
    const orders = await dispatchAndWait(sut, 'city-n1', event, 2);
    const delivered = await eventually('both delivered', async () => {
      const items = (await list('city-n1', '&template=work-order-new')).filter((n) => n.status === 'delivered');
      return items.length === 2 ? items : undefined;
    });
    const lead = orders.find((o: { role: string }) => o.role === 'primary');
    expect(delivered.find((n) => n.recipientRef === 'id-n-1')).toMatchObject({
      recipientKind: 'unit',
      recipient: 'id-n-1',
      channel: 'unit-inbox',
      sourceRef: `work-order:${lead.id}`,
      attempts: 1,
      params: { requestNumber: b.number, workOrderId: lead.id, role: 'primary', urgency: 'normal', signDueAt: lead.signDueAt, handleDueAt: lead.handleDueAt },
    });
    expect(delivered.find((n) => n.recipientRef === 'id-n-2')?.params['role']).toBe('assisting');

    // The hand-over is on handling's stream, codes only.
    const { jsm } = sut.service.context.bus;
    const last = await jsm.streams.getMessage(streamOf(sut.namespace, 'handling').name, {
      last_by_subj: eventSubject(sut.namespace, Events.handling.notificationRequested, 'city-n1'),
    });
    const announced = Events.handling.notificationRequested.codec.decode(last!.data);
    expect(delivered.map((n) => n.id)).toContain(announced.notificationId);
    expect(announced).toMatchObject({ recipientKind: 'unit', channel: 'unit-inbox', template: 'work-order-new', requestId: b.requestId });

    // The same dispatch again creates no order, so no second notification.
    await dispatchAndWait(sut, 'city-n1', event, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await list('city-n1', '&template=work-order-new')).toHaveLength(2);
    // Another tenant sees none of them; the unit's staff do not list them; a bad filter names its field.
    expect(await list('city-n9')).toEqual([]);
    expect((await sut.as('city-n1', ['unit-operator'])('GET', '/v1/notifications')).status).toBe(403);
    const bad = await sut.as('city-n1', ['supervisor'])('GET', '/v1/notifications?status=sent');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'query.status' })]);
  });

  it('tells the unit of an urge by hand (its leader is not copied on a reminder); a refused urge tells nobody', async () => {
    const [order] = await dispatchAndWait(sut, 'city-n2', dispatched(brief(), [assignment('n-3')]), 1);
    const dispatcher = sut.as('city-n2', ['dispatcher']);
    const urged = await dispatcher('POST', `/v1/work-orders/${order.id}/urges`, { method: 'phone', note: '已电话催办, 联系人 13812345678' });
    expect(urged.status).toBe(201);
    const [notice] = await eventually('the urge delivered', async () => {
      const items = (await list('city-n2', '&template=work-order-urged')).filter((n) => n.status === 'delivered');
      return items.length === 1 ? items : undefined;
    });
    expect(notice).toMatchObject({
      sourceRef: `urge:${urged.body.id}`,
      recipientRef: 'id-n-3',
      params: { workOrderId: order.id, level: 'reminder', method: 'phone', overdue: 'false', dueAt: order.handleDueAt },
    });
    expect(JSON.stringify(await list('city-n2'))).not.toContain('13812345678');
    expect(await list('city-n2', '&template=urge-notice-leader-copy')).toEqual([]);

    const unit = await sut.token('city-n2', ['unit-operator'], 'n-3');
    await sut.request('POST', `/v1/work-orders/${order.id}/sign`, unit);
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer`, unit, answer)).status).toBe(200);
    expect((await dispatcher('POST', `/v1/work-orders/${order.id}/urges`, { method: 'phone' })).status).toBe(409);
    expect(await list('city-n2', '&template=work-order-urged')).toHaveLength(1);
  });

  it('a breach tells the unit which clock ran out; the urging notice and the circular go to the unit and are copied to its leader', async () => {
    const rules = [{ requestType: 'complaint', urgency: 'normal', signFor: { unit: 'working-days', amount: 1 }, handling: { unit: 'calendar-minutes', amount: 30 } }];
    expect((await sut.as('city-n3', ['tenant-admin'])('PUT', '/v1/time-limits', { rules })).status).toBe(200);
    const [order] = await dispatchAndWait(sut, 'city-n3', dispatched(brief(), [assignment('n-4')], new Date(Date.now() - 30 * DAY).toISOString()), 1);
    const delivered = await eventually(
      'the breaches, the notice and the circular delivered',
      async () => {
        const items = (await ofOrder('city-n3', order.id)).filter((n) => n.status === 'delivered');
        return items.length === 7 ? items : undefined;
      },
      30_000,
    );
    const summary = delivered.map((n) => [n.template, n.recipientKind, n.params['clock'] ?? n.params['level']]).sort();
    expect(summary).toEqual([
      ['urge-notice-leader-copy', 'unit-leader', 'circular'],
      ['urge-notice-leader-copy', 'unit-leader', 'notice'],
      ['work-order-new', 'unit', undefined],
      ['work-order-overdue', 'unit', 'handling'],
      ['work-order-overdue', 'unit', 'sign-for'],
      ['work-order-urged', 'unit', 'circular'],
      ['work-order-urged', 'unit', 'notice'],
    ]);
    const handlingBreach = delivered.find((n) => n.template === 'work-order-overdue' && n.params['clock'] === 'handling');
    expect(handlingBreach).toMatchObject({ sourceRef: `overdue:${order.id}/handling`, params: { dueAt: order.handleDueAt } });
    const copy = delivered.find((n) => n.template === 'urge-notice-leader-copy' && n.params['level'] === 'notice')!;
    const toUnit = delivered.find((n) => n.template === 'work-order-urged' && n.params['level'] === 'notice')!;
    // The leader's copy tells of the same urge as the unit's notice.
    expect(copy.sourceRef).toBe(toUnit.sourceRef);
    expect(copy).toMatchObject({ recipientRef: 'id-n-4', channel: 'unit-inbox', params: { workOrderId: order.id, dueAt: order.handleDueAt } });
  });
});
