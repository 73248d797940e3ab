import { Events } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { handlingService } from '../src/handling.service';
import {
  assignment,
  brief,
  dispatchAndWait,
  dispatched,
  outboxEvents,
  publishAndWait,
  reviewed,
  staffToken,
  statusChanged,
  timersOf,
} from './work-order-fixtures';

const answer = { answer: '已督促整改', basis: '《环境噪声污染防治法》第四十三条', contactRecord: '电话联系诉求人' };

describe('work-order clocks, cancellation and who acted (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const order = (tenantId: string, id: string) => sut.as(tenantId, ['supervisor'])('GET', `/v1/work-orders/${id}`);

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  describe('sign-for "1 working day" is a whole working day, counted from the next day (Asia/Shanghai)', () => {
    it.each([
      ['Friday 17:00', '2026-12-04T17:00:00+08:00', '2026-12-07T16:00:00.000Z', 'the end of Monday 12-07'],
      ['Friday 23:30', '2026-12-04T23:30:00+08:00', '2026-12-07T16:00:00.000Z', 'the end of Monday 12-07'],
      ['the eve of National Day', '2026-09-30T16:00:00+08:00', '2026-10-08T16:00:00.000Z', 'the end of Thu 10-08, after 10-01…10-07'],
      ['Friday 2026-10-09', '2026-10-09T10:00:00+08:00', '2026-10-10T16:00:00.000Z', 'the end of the 调休 make-up Saturday 10-10'],
    ])('dispatched %s (%s) → due at %s (%s)', async (_label, at, due) => {
      const [created] = await dispatchAndWait(sut, 'city-d', dispatched(brief(), [assignment('u-d')], at), 1);
      expect(created).toMatchObject({ createdAt: new Date(at).toISOString(), signDueAt: due });
      // POST /v1/deadlines/compute without a counting gives exactly what the order got.
      const compute = (amount: number) =>
        sut.as('city-d', ['agent'])('POST', '/v1/deadlines/compute', { startAt: created.createdAt, unit: 'working-days', amount });
      expect((await compute(1)).body.dueAt).toBe(created.signDueAt);
      expect((await compute(15)).body.dueAt).toBe(created.handleDueAt);
    });
  });

  it('keeps the original handling due through rework: late, sent back, re-answered within the rework limit is still not on time', async () => {
    const thirtyMinutes = { unit: 'calendar-minutes', amount: 30 };
    const rules = [{ requestType: 'complaint', urgency: 'normal', signFor: thirtyMinutes, handling: thirtyMinutes }];
    expect((await sut.as('city-r', ['tenant-admin'])('PUT', '/v1/time-limits', { rules })).status).toBe(200);
    // Dispatched two hours ago: the handling due passed 90 minutes ago.
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const request = brief();
    const [late] = await dispatchAndWait(sut, 'city-r', dispatched(request, [assignment('u-late')], twoHoursAgo), 1);
    const [helper] = await dispatchAndWait(sut, 'city-r', dispatched(brief(), [assignment('u-help')], twoHoursAgo), 1);
    await eventually('original due breached', async () => (await order('city-r', late.id)).body.handleOverdue);

    const unit = await sut.token('city-r', ['unit-operator'], 'u-late');
    expect((await sut.request('POST', `/v1/work-orders/${late.id}/sign`, unit)).status).toBe(200);
    expect((await sut.request('POST', `/v1/work-orders/${late.id}/answer`, unit, answer)).status).toBe(200);
    await publishAndWait(sut, Events.revisit.answerReviewed, 'city-r', reviewed(late, false, ['答复未说明整改结果']));
    const reopened = (await order('city-r', late.id)).body;
    const [reopenEvent] = await outboxEvents(sut, Events.handling.workOrderReopened, late.id);
    expect(reopened).toMatchObject({ status: 'in-progress', reworkCount: 1, handleDueAt: late.handleDueAt, handleOverdue: true, reworkOverdue: false });
    expect(new Date(reopened.reworkDueAt).getTime() - new Date(reopenEvent!.reopenedAt).getTime()).toBe(30 * 60_000);
    expect(reopenEvent).toMatchObject({ handleDueAt: late.handleDueAt, reworkDueAt: reopened.reworkDueAt });

    const again = await sut.request('POST', `/v1/work-orders/${late.id}/answer`, unit, answer);
    expect(again.body).toMatchObject({ status: 'answered', handleOverdue: true, handleDueAt: late.handleDueAt });
    const answers = await outboxEvents(sut, Events.handling.workOrderAnswered, late.id);
    expect(answers.map((a) => [a.onTime, a.reworkOnTime, a.reworkCount])).toEqual([[false, false, 0], [false, true, 1]]);
    expect(answers[1]).toMatchObject({ handleDueAt: late.handleDueAt, reworkDueAt: reopened.reworkDueAt });
    expect(answers[0]).toMatchObject({ reworkDueAt: '' });

    // The rework clock has its own timer: breached, it flags the order with clock `rework`.
    const help = await sut.token('city-r', ['unit-operator'], 'u-help');
    await sut.request('POST', `/v1/work-orders/${helper.id}/sign`, help);
    await sut.request('POST', `/v1/work-orders/${helper.id}/answer`, help, answer);
    await publishAndWait(sut, Events.revisit.answerReviewed, 'city-r', reviewed(helper, false));
    await sut.service.context.dataSource.query(
      `update timers set due_at = now() - interval '1 second' where kind = 'rework-overdue' and key = $1 and state = 'pending'`, [helper.id]);
    const flagged = await eventually('rework clock flagged', async () => {
      const res = await order('city-r', helper.id);
      return res.body.reworkOverdue ? res.body : undefined;
    });
    const overdue = await outboxEvents(sut, Events.handling.workOrderOverdue, helper.id);
    expect(overdue.filter((e) => e.clock === 'rework').map((e) => e.dueAt)).toEqual([flagged.reworkDueAt]);
  });

  it('cancels the open orders of a request that closed, with their timers; the unit can no longer act on them', async () => {
    // A request closed another way than through its lead's answer (at intake, say): each open share
    // is cancelled; the ones already finished — a reviewed lead order, a given input — stay so.
    const request = brief();
    const orders = await dispatchAndWait(sut, 'city-x', dispatched(request, [
      assignment('u-main'), assignment('u-signed', 'assisting'), assignment('u-idle', 'assisting'), assignment('u-gave', 'assisting'),
    ]), 4);
    const [main, signed, idle, gave] = ['u-main', 'u-signed', 'u-idle', 'u-gave'].map((code) => orders.find((o: { unitCode: string }) => o.unitCode === code));
    const mainStaff = await sut.token('city-x', ['unit-operator'], 'u-main');
    const signedStaff = await sut.token('city-x', ['unit-operator'], 'u-signed');
    const gaveStaff = await sut.token('city-x', ['unit-operator'], 'u-gave');
    await sut.request('POST', `/v1/work-orders/${gave.id}/sign`, gaveStaff);
    expect((await sut.request('POST', `/v1/work-orders/${gave.id}/answer`, gaveStaff, answer)).body.status).toBe('input-given');
    await sut.request('POST', `/v1/work-orders/${main.id}/sign`, mainStaff);
    expect((await sut.request('POST', `/v1/work-orders/${signed.id}/sign`, signedStaff)).status).toBe(200);

    // A change that does not close the request changes nothing here.
    await publishAndWait(sut, Events.intake.requestStatusChanged, 'city-x', statusChanged(request.requestId, 'reviewed', 'revisited', 6));
    expect((await order('city-x', idle.id)).body.status).toBe('awaiting-sign');

    await publishAndWait(sut, Events.intake.requestStatusChanged, 'city-x', statusChanged(request.requestId, 'revisited', 'closed', 7));
    for (const [o, previousStatus, role] of [[main, 'in-progress', 'primary'], [signed, 'in-progress', 'assisting'], [idle, 'awaiting-sign', 'assisting']] as const) {
      const view = (await order('city-x', o.id)).body;
      expect(view).toMatchObject({ status: 'cancelled', cancelReason: 'request-closed' });
      expect(new Date(view.cancelledAt).getTime()).not.toBeNaN();
      expect(await outboxEvents(sut, Events.handling.workOrderCancelled, o.id)).toEqual([{
        workOrderId: o.id, requestId: request.requestId, unitId: o.unitId, role,
        reason: 'request-closed', previousStatus, cancelledAt: view.cancelledAt,
      }]);
      expect((await timersOf(sut, o.id, '%')).filter((t) => t.state === 'pending')).toEqual([]);
    }
    expect((await order('city-x', gave.id)).body.status).toBe('input-given');
    expect(await outboxEvents(sut, Events.handling.workOrderCancelled, gave.id)).toEqual([]);

    // Signing or answering a cancelled order is a conflict; a late review changes nothing.
    const idleStaff = await sut.token('city-x', ['unit-leader'], 'u-idle');
    expect((await sut.request('POST', `/v1/work-orders/${idle.id}/sign`, idleStaff))).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect((await sut.request('POST', `/v1/work-orders/${signed.id}/answer`, signedStaff, answer)).status).toBe(409);
    await publishAndWait(sut, Events.revisit.answerReviewed, 'city-x', reviewed({ ...signed, role: 'assisting' }, false));
    // Archiving (closed → archived) finds nothing open any more.
    await publishAndWait(sut, Events.intake.requestStatusChanged, 'city-x', statusChanged(request.requestId, 'closed', 'archived', 8));
    expect((await order('city-x', signed.id)).body).toMatchObject({ status: 'cancelled', reworkCount: 0 });
    expect(await outboxEvents(sut, Events.handling.workOrderCancelled, signed.id)).toHaveLength(1);
    expect(await outboxEvents(sut, Events.handling.workOrderReopened, signed.id)).toEqual([]);
  });

  it('lets reviewers read the work orders of every unit they review', async () => {
    const request = brief();
    const orders = await dispatchAndWait(sut, 'city-v', dispatched(request, [assignment('u-1'), assignment('u-2', 'assisting')]), 2);
    const reviewer = await sut.token('city-v', ['reviewer']);
    const list = await sut.request('GET', `/v1/work-orders?requestId=${request.requestId}`, reviewer);
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { unitCode: string }) => o.unitCode).sort()).toEqual(['u-1', 'u-2']);
    for (const o of orders) expect((await sut.request('GET', `/v1/work-orders/${o.id}`, reviewer)).body).toMatchObject({ id: o.id });
    // Reading is all: a reviewer does not sign.
    expect((await sut.request('POST', `/v1/work-orders/${orders[0].id}/sign`, reviewer)).status).toBe(403);
    expect((await sut.request('GET', `/v1/work-orders/${orders[0].id}`, await sut.token('city-w', ['reviewer']))).status).toBe(404);
  });

  it('records the staff member who signed and who answered, in the order and its events', async () => {
    const [o] = await dispatchAndWait(sut, 'city-s', dispatched(brief(), [assignment('u-s')]), 1);
    const signer = await staffToken('city-s', ['unit-operator'], 'city-s:li.na', 'u-s');
    const answerer = await staffToken('city-s', ['unit-leader'], 'city-s:wang.wei', 'u-s');
    expect((await sut.request('POST', `/v1/work-orders/${o.id}/sign`, signer)).body).toMatchObject({ signedBy: 'city-s:li.na' });
    expect((await sut.request('POST', `/v1/work-orders/${o.id}/answer`, answerer, answer)).body).toMatchObject({
      signedBy: 'city-s:li.na', answeredBy: 'city-s:wang.wei',
    });
    expect((await outboxEvents(sut, Events.handling.workOrderSigned, o.id))[0]).toMatchObject({ signedBy: 'city-s:li.na' });
    expect((await outboxEvents(sut, Events.handling.workOrderAnswered, o.id))[0]).toMatchObject({ answeredBy: 'city-s:wang.wei' });
  });
});
