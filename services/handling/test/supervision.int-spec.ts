import { createWorkingCalendar } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { supervisionReplyDueAt } from '@hotline/handling-domain';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents, timersOf } from './work-order-fixtures';

const calendar = createWorkingCalendar();
const instruction = '市领导批示: 请住建局三日内查明原因并答复, 诉求人电话 13812345678';

describe('督办 orders: opened by a supervisor, replied by the unit, closed by the hotline (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const rows = async (sql: string, params: unknown[]) => sut.service.context.dataSource.query(sql, params);
  const changes = (id: string) => outboxEvents(sut, Events.handling.supervisionChanged, id);

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  it('runs a leader-instruction order through reply and close, each step announced, the instruction masked, the unit scoped', async () => {
    const [order] = await dispatchAndWait(sut, 'city-d1', dispatched(brief(), [assignment('u-d1')]), 1);
    const supervisor = sut.as('city-d1', ['supervisor']);
    const before = Date.now();
    const opened = await supervisor('POST', '/v1/supervision-orders', { workOrderId: order.id, source: 'leader-instruction', instruction });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ workOrderId: order.id, unitCode: 'u-d1', source: 'leader-instruction', state: 'open', replyOverdue: false, reply: null });
    expect(opened.body.instruction).not.toContain('13812345678');
    // Three working days by default (Shanghai's 热线督办件, [S16]), counted from the next day.
    const due = new Date(opened.body.replyDueAt).getTime();
    expect([supervisionReplyDueAt(calendar, new Date(before), 3).getTime(), supervisionReplyDueAt(calendar, new Date(), 3).getTime()]).toContain(due);
    expect(await timersOf(sut, opened.body.id, 'supervision-%')).toEqual([expect.objectContaining({ kind: 'supervision-reply-due', state: 'pending' })]);

    const unit = await sut.token('city-d1', ['unit-operator'], 'u-d1');
    const other = await sut.token('city-d1', ['unit-operator'], 'u-other');
    expect((await sut.request('GET', `/v1/supervision-orders/${opened.body.id}`, unit)).status).toBe(200);
    expect((await sut.request('GET', `/v1/supervision-orders/${opened.body.id}`, other)).status).toBe(404);
    expect((await sut.request('GET', '/v1/supervision-orders', other)).body).toMatchObject({ total: 0, items: [] });
    expect((await sut.request('GET', '/v1/supervision-orders?state=open', unit)).body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: opened.body.id })] });
    // A unit neither opens nor closes; the hotline cannot reply for the unit; nothing closes before the reply.
    expect((await sut.request('POST', '/v1/supervision-orders', unit, { workOrderId: order.id, source: 'hotspot', instruction: 'x' })).status).toBe(403);
    expect((await supervisor('POST', `/v1/supervision-orders/${opened.body.id}/close`, {})).status).toBe(409);
    expect((await sut.request('POST', `/v1/supervision-orders/${opened.body.id}/reply`, other, { reply: '已处理' })).status).toBe(404);

    const replied = await sut.request('POST', `/v1/supervision-orders/${opened.body.id}/reply`, unit, { reply: '已现场核查, 责令施工方整改, 已电话告知诉求人' });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ state: 'replied', replyOverdue: false, repliedBy: expect.any(String) });
    expect((await sut.request('POST', `/v1/supervision-orders/${opened.body.id}/reply`, unit, { reply: '再次回复' })).status).toBe(409);
    expect((await timersOf(sut, opened.body.id, 'supervision-%'))[0]!.state).toBe('cancelled');
    const closed = await supervisor('POST', `/v1/supervision-orders/${opened.body.id}/close`, { note: '回复属实, 办结' });
    expect(closed.body).toMatchObject({ state: 'closed', closeNote: '回复属实, 办结', closedBy: expect.any(String) });
    expect((await supervisor('POST', `/v1/supervision-orders/${opened.body.id}/close`, {})).status).toBe(409);

    const steps = await changes(opened.body.id);
    expect(steps.map((e) => [e.step, e.state, e.source, e.workOrderId, e.unitId])).toEqual([
      ['opened', 'open', 'leader-instruction', order.id, order.unitId],
      ['replied', 'replied', 'leader-instruction', order.id, order.unitId],
      ['closed', 'closed', 'leader-instruction', order.id, order.unitId],
    ]);
    // Only codes and times travel: the instruction and the reply stay in handling.
    expect(JSON.stringify(steps)).not.toContain('诉求人');
  });

  it('marks a reply that did not come by its due, and one that came after it', async () => {
    const [order] = await dispatchAndWait(sut, 'city-d2', dispatched(brief(), [assignment('u-d2')]), 1);
    const opened = await sut.as('city-d2', ['supervisor'])('POST', '/v1/supervision-orders', {
      workOrderId: order.id, source: 'overdue', instruction: '逾期未办结, 请说明原因', replyWithinWorkingDays: 1,
    });
    expect(opened.status).toBe(201);
    // Bring the due into the past, as if the working day had gone by.
    await rows(`update timers set due_at = now() - interval '1 second' where key = $1 and kind = 'supervision-reply-due'`, [opened.body.id]);
    await rows(`update supervision_orders set reply_due_at = now() - interval '1 second' where id = $1`, [opened.body.id]);
    await eventually('marked late', async () => (await sut.as('city-d2', ['supervisor'])('GET', `/v1/supervision-orders/${opened.body.id}`)).body.replyOverdue === true);
    const unit = await sut.token('city-d2', ['unit-operator'], 'u-d2');
    const replied = await sut.request('POST', `/v1/supervision-orders/${opened.body.id}/reply`, unit, { reply: '材料补齐后已办结' });
    expect(replied.body).toMatchObject({ state: 'replied', replyOverdue: true });
    expect((await changes(opened.body.id)).map((e) => [e.step, e.replyOverdue, e.by])).toEqual([
      ['opened', false, expect.any(String)],
      ['reply-overdue', true, 'system:handling'],
      ['replied', true, expect.any(String)],
    ]);
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const [order] = await dispatchAndWait(sut, 'city-d3', dispatched(brief(), [assignment('u-d3')]), 1);
    const supervisor = sut.as('city-d3', ['supervisor']);
    const cases: Array<[unknown, string]> = [
      [{ workOrderId: order.id, source: 'rumour', instruction: 'x' }, 'source'],
      [{ workOrderId: order.id, source: 'hotspot', instruction: '' }, 'instruction'],
      [{ workOrderId: order.id, source: 'hotspot', instruction: 'x', replyWithinWorkingDays: 0 }, 'replyWithinWorkingDays'],
      [{ workOrderId: '00000000-0000-4000-8000-000000000000', source: 'hotspot', instruction: 'x' }, 'workOrderId'],
    ];
    for (const [body, field] of cases) {
      const res = await supervisor('POST', '/v1/supervision-orders', body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    expect((await supervisor('GET', '/v1/supervision-orders?state=lost')).status).toBe(400);
    expect((await supervisor('GET', '/v1/supervision-orders/not-a-uuid')).status).toBe(404);
    expect(await rows(`select 1 from supervision_orders where work_order_id = $1`, [order.id])).toEqual([]);
    expect(await outboxEvents(sut, Events.handling.supervisionChanged, order.id)).toEqual([]);
  });
});
