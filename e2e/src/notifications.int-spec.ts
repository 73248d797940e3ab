import { eventually } from '@hotline/testing';
import { LocalPlatform } from './support/platform';

// The notification port (issue 12, ADR 0029) through the public APIs of the whole platform, on
// the default log-and-outbox adapter: a dispatched request's unit is told of its new order
// (handling), and once the hotline approves the unit's extension (延期) the requester is told the
// new due (intake, which alone holds the phone) — both delivered, the phone masked.
describe('notifications end to end', () => {
  let p: LocalPlatform;
  let tokens: Record<string, Record<string, string>>;
  const A = 'city-3201';
  const as = (role: string) => tokens[A]![role]!;

  beforeAll(async () => {
    p = await LocalPlatform.start();
    tokens = p.tokens();
  }, 180_000);
  afterAll(() => p?.destroy(), 60_000);

  const delivered = (service: 'intake' | 'handling', query: string) =>
    eventually(`${service} ${query} delivered`, async () => {
      const res = await p.api(service, 'GET', `/v1/notifications?status=delivered&${query}`, as('supervisor'));
      return res.body.items.length > 0 ? (res.body.items as Array<Record<string, unknown> & { params: Record<string, string> }>) : undefined;
    }, 30_000);

  it("tells the unit of its new order, and the requester of the approved extension's new due", async () => {
    const entered = await p.api('intake', 'POST', '/v1/requests', as('agent'), {
      channel: 'phone', requester: { name: '王五', phone: '13900002222' }, title: '路灯不亮', content: '小区门口路灯一周不亮',
      areaCode: '320104', requestType: 'consultation', urgency: 'normal', categoryCode: '080101', scope: { decision: 'in-scope' },
    });
    expect(entered.status).toBe(201);
    const request = entered.body as { id: string; number: string };
    const order = await eventually('the work order', async () => {
      const res = await p.api('handling', 'GET', `/v1/work-orders?requestId=${request.id}`, as('supervisor'));
      return res.body.items[0] as { id: string; unitId: string; unitCode: string } | undefined;
    });

    const [toUnit] = (await delivered('handling', 'template=work-order-new')).filter((n) => n['sourceRef'] === `work-order:${order.id}`);
    expect(toUnit).toMatchObject({ recipientKind: 'unit', recipientRef: order.unitId, channel: 'unit-inbox', params: { requestNumber: request.number, workOrderId: order.id } });

    const operator = as(`unit-operator:${order.unitCode}`);
    expect((await p.api('handling', 'POST', `/v1/work-orders/${order.id}/sign`, operator)).status).toBe(200);
    const asked = await p.api('handling', 'POST', `/v1/work-orders/${order.id}/extensions`, operator, {
      extraWorkingDays: 3, reason: '需现场勘查并协调供电部门', basis: '《政务服务便民热线诉求办理规范》延期办理',
    });
    expect(asked.status).toBe(201);
    const approved = await p.api('handling', 'POST', `/v1/work-orders/${order.id}/extensions/${asked.body.id}/approve`, as('supervisor'), {});
    expect(approved.status).toBe(200);
    const newDue = (await p.api('handling', 'GET', `/v1/work-orders/${order.id}`, as('supervisor'))).body.handlingDueAt as string;
    expect(newDue).toBe(asked.body.proposedDueAt);

    const toRequester = (await delivered('intake', `template=extension-approved-requester&requestId=${request.id}`))[0]!;
    expect(toRequester).toMatchObject({
      recipientKind: 'requester', recipientRef: request.id, recipient: '139****2222', channel: 'sms',
      sourceRef: `extension:${asked.body.id}`, params: { requestNumber: request.number, dueAt: newDue, extraWorkingDays: '3' },
    });
    const listed = await p.api('intake', 'GET', '/v1/notifications', as('supervisor'));
    expect(listed.text).not.toContain('13900002222');
  });
});
