import { addDays, computeDue, createWorkingCalendar, lastWorkingDay, TimeLimitRule, workingHoursBetween } from '@hotline/calendar';
import { eventSubject, Events, streamOf } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { DEFAULT_COUNTING } from '@hotline/vocabulary';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents, reviewed, timersOf } from './work-order-fixtures';

const national = createWorkingCalendar({});
// The national defaults name no counting: they take the one default, 自次日起.
const days = (amount: number): TimeLimitRule => ({ unit: 'working-days', amount, counting: DEFAULT_COUNTING });
const minutes = (amount: number): TimeLimitRule => ({ unit: 'calendar-minutes', amount });
const iso = (d: Date) => d.toISOString();

describe('work orders (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const unitStaff = async (tenantId: string, unit: string, role: 'unit-operator' | 'unit-leader' = 'unit-operator') =>
    sut.token(tenantId, [role], unit);

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  it('creates one order per assignment with both clocks from creation, per type × urgency, once', async () => {
    const cases: Array<{ type: string; urgency: string; sign: TimeLimitRule; handle: TimeLimitRule }> = [
      { type: 'complaint', urgency: 'normal', sign: days(1), handle: days(15) },
      { type: 'consultation', urgency: 'normal', sign: days(1), handle: days(2) },
      { type: 'help', urgency: 'urgent', sign: minutes(30), handle: minutes(1440) },
      { type: 'report', urgency: 'critical', sign: minutes(15), handle: minutes(120) },
      { type: 'petition', urgency: '', sign: days(1), handle: days(10) }, // unknown → other / normal
    ];
    for (const c of cases) {
      const request = brief({ requestType: c.type, urgency: c.urgency });
      const event = dispatched(request, [assignment('u-water'), assignment('u-road', 'assisting')]);
      const orders = await dispatchAndWait(sut, 'city-a', event, 2);
      for (const order of orders) {
        const createdAt = new Date(order.createdAt);
        expect(order).toMatchObject({
          status: 'awaiting-sign', reworkCount: 0, signOverdue: false, handleOverdue: false,
          signDueAt: iso(computeDue(national, createdAt, c.sign)),
          handleDueAt: iso(computeDue(national, createdAt, c.handle)),
          request: { requestId: request.requestId, title: request.title },
        });
        const [created] = await outboxEvents(sut, Events.handling.workOrderCreated, order.id);
        expect(created).toMatchObject({
          workOrderId: order.id, unitId: order.unitId, unitCode: order.unitCode, unitName: order.unitName, role: order.role,
          signDueAt: order.signDueAt, handleDueAt: order.handleDueAt, createdAt: order.createdAt,
          request: { requestId: request.requestId, requestType: c.type },
        });
        const timers = await sut.service.context.dataSource.query(
          `select kind, due_at from timers where key = $1 and kind like '%-overdue' order by kind`, [order.id]);
        expect(timers.map((t: { kind: string; due_at: Date }) => [t.kind, iso(t.due_at)]))
          .toEqual([['handle-overdue', order.handleDueAt], ['sign-overdue', order.signDueAt]]);
      }
      expect(orders.map((o: { unitCode: string; role: string }) => `${o.unitCode}:${o.role}`).sort())
        .toEqual(['u-road:assisting', 'u-water:primary']);
      // The same dispatch again (new message id) creates nothing new.
      await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', event);
      await new Promise((r) => setTimeout(r, 300));
      const again = await sut.as('city-a', ['supervisor'])('GET', `/v1/work-orders?requestId=${request.requestId}`);
      expect(again.body.total).toBe(2);
      expect(await outboxEvents(sut, Events.handling.workOrderCreated, orders[0].id)).toHaveLength(1);
    }
  });

  it('counts working days on the tenant calendar, extra holidays included', async () => {
    const now = new Date();
    // A working day inside the 15-day window becomes a day off for city-h only.
    const holiday = lastWorkingDay(national, now, 3);
    const put = await sut.as('city-h', ['tenant-admin'])('PUT', '/v1/calendar', { extraHolidays: [holiday] });
    expect(put.status).toBe(200);
    const tenantCalendar = createWorkingCalendar({ extraHolidays: [holiday] });
    const [order] = await dispatchAndWait(sut, 'city-h', dispatched(brief(), [assignment('u-h')]), 1);
    const createdAt = new Date(order.createdAt);
    const expected = computeDue(tenantCalendar, createdAt, days(15));
    expect(order.handleDueAt).toBe(iso(expected));
    expect(order.handleDueAt).not.toBe(iso(computeDue(national, createdAt, days(15))));
    expect(national.localDateOf(expected) > addDays(holiday, 1)).toBe(true);
  });

  it('lets the assigned unit sign and answer, with events, and refuses wrong states', async () => {
    const request = brief({ requestType: 'help', urgency: 'normal' });
    const orders = await dispatchAndWait(sut, 'city-a', dispatched(request, [assignment('u-gas'), assignment('u-park', 'assisting')]), 2);
    const primary = orders.find((o: { unitCode: string }) => o.unitCode === 'u-gas');
    const assisting = orders.find((o: { unitCode: string }) => o.unitCode === 'u-park');
    const gas = await unitStaff('city-a', 'u-gas');
    const body = { answer: '已协调燃气公司恢复供气', basis: '《城镇燃气管理条例》第十九条', contactRecord: '2026-11-28 电话联系诉求人' };

    expect((await sut.request('POST', `/v1/work-orders/${primary.id}/answer`, gas, body))).toMatchObject({ status: 409, body: { code: 'conflict' } });
    const signed = await sut.request('POST', `/v1/work-orders/${primary.id}/sign`, gas);
    expect(signed).toMatchObject({ status: 200, body: { status: 'in-progress', signOverdue: false } });
    expect((await sut.request('POST', `/v1/work-orders/${primary.id}/sign`, gas)).status).toBe(409);
    expect(await outboxEvents(sut, Events.handling.workOrderSigned, primary.id)).toEqual([
      { workOrderId: primary.id, requestId: request.requestId, unitId: 'id-u-gas', signedAt: signed.body.signedAt, onTime: true, signedBy: 'city-a:user' },
    ]);

    const bad = await sut.request('POST', `/v1/work-orders/${primary.id}/answer`, gas, { answer: '', basis: 'x'.repeat(1001), extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['answer', 'basis', 'contactRecord']));
    // The assisting unit owes its input: the lead answers once it gave it or the hotline released it (ADR 0026).
    expect((await sut.request('POST', `/v1/work-orders/${primary.id}/answer`, gas, body)).status).toBe(409);
    expect((await sut.as('city-a', ['dispatcher'])('POST', `/v1/work-orders/${assisting.id}/release`, { note: '无需协办' })).status).toBe(200);
    const answered = await sut.request('POST', `/v1/work-orders/${primary.id}/answer`, await unitStaff('city-a', 'u-gas', 'unit-leader'), body);
    expect(answered).toMatchObject({ status: 200, body: { status: 'answered', ...body } });
    expect((await sut.request('POST', `/v1/work-orders/${primary.id}/answer`, gas, body)).status).toBe(409);
    const [event] = await outboxEvents(sut, Events.handling.workOrderAnswered, primary.id);
    const hours = workingHoursBetween(national, new Date(primary.createdAt), new Date(answered.body.answeredAt));
    expect(event).toMatchObject({ ...body, role: 'primary', reworkCount: 0, onTime: true, answeredAt: answered.body.answeredAt });
    expect(event.handlingWorkingHours).toBeCloseTo(hours, 6);
    const timers = await sut.service.context.dataSource.query(`select kind, state from timers where key = $1 order by kind`, [primary.id]);
    expect(timers).toEqual(
      ['handle-overdue', 'handle-warning-red', 'handle-warning-yellow', 'sign-overdue'].map((kind) => ({ kind, state: 'cancelled' })),
    );

    // Another unit's staff cannot see, sign or answer it; hotline staff cannot sign.
    const park = await unitStaff('city-a', 'u-park');
    expect((await sut.request('GET', `/v1/work-orders/${primary.id}`, park)).status).toBe(404);
    expect((await sut.request('POST', `/v1/work-orders/${primary.id}/answer`, park, body)).status).toBe(404);
    expect((await sut.request('POST', `/v1/work-orders/${assisting.id}/sign`, gas)).status).toBe(404);
    expect((await sut.request('POST', `/v1/work-orders/${assisting.id}/sign`, await sut.token('city-a', ['dispatcher']))).status).toBe(403);
    expect((await sut.request('GET', '/v1/work-orders', await sut.token('city-a', ['agent']))).status).toBe(403);
    expect((await sut.request('GET', `/v1/work-orders/${assisting.id}`, park)).body).toMatchObject({ id: assisting.id, status: 'cancelled', cancelReason: 'released' });
    const parkList = await sut.request('GET', '/v1/work-orders?limit=200', park);
    expect(parkList.body.items.length).toBeGreaterThan(0);
    expect(parkList.body.items.every((o: { unitCode: string }) => o.unitCode === 'u-park')).toBe(true);
    expect((await sut.request('GET', '/v1/work-orders', await sut.token('city-a', ['unit-operator']))).body.items).toEqual([]);
    expect((await sut.request('GET', '/v1/work-orders/not-a-uuid', gas)).status).toBe(404);
    const badQuery = await sut.request('GET', '/v1/work-orders?status=done&limit=500', gas);
    expect(badQuery.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.status', 'query.limit']);

    // 退回重办: a failed review reopens with a rework clock beside the original due; a passed one closes the order.
    const admin = sut.as('city-a', ['tenant-admin']);
    await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(primary, false, ['未说明依据条款']));
    const reopened = await eventually('reopened', async () => {
      const res = await admin('GET', `/v1/work-orders/${primary.id}`);
      return res.body.status === 'in-progress' ? res.body : undefined;
    });
    const [reopenEvent] = await outboxEvents(sut, Events.handling.workOrderReopened, primary.id);
    expect(reopenEvent).toMatchObject({
      reasons: ['未说明依据条款'], reworkCount: 1, handleDueAt: primary.handleDueAt, reworkDueAt: reopened.reworkDueAt,
    });
    expect(reopened).toMatchObject({
      reworkCount: 1, handleDueAt: primary.handleDueAt, reworkDueAt: iso(computeDue(national, new Date(reopenEvent.reopenedAt), days(10))),
    });
    // The original due still decides the on-time rate, so its clock runs again, beside the rework clock.
    expect((await timersOf(sut, primary.id)).map((t) => [t.kind, t.state, iso(t.due_at)])).toEqual([
      ['handle-overdue', 'pending', primary.handleDueAt],
      ['rework-overdue', 'pending', reopened.reworkDueAt],
      ['sign-overdue', 'cancelled', primary.signDueAt],
    ]);

    // A review of an order that is not awaiting review changes nothing.
    const early = await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(primary, true));
    await eventually('early review consumed', async () =>
      (await sut.service.context.dataSource.query(`select 1 from inbox where message_id = $1`, [early])).length > 0);
    expect((await admin('GET', `/v1/work-orders/${primary.id}`)).body.status).toBe('in-progress');
    await sut.request('POST', `/v1/work-orders/${primary.id}/answer`, gas, body);
    expect((await outboxEvents(sut, Events.handling.workOrderAnswered, primary.id))[1]).toMatchObject({
      reworkCount: 1, onTime: true, reworkOnTime: true, handleDueAt: primary.handleDueAt, reworkDueAt: reopened.reworkDueAt,
    });
    await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(primary, true));
    await eventually('reviewed', async () => (await admin('GET', `/v1/work-orders/${primary.id}`)).body.status === 'reviewed');
    expect(await outboxEvents(sut, Events.handling.workOrderReopened, primary.id)).toHaveLength(1);
  });

  it('flags overdue clocks when their timers fire, and only while they run', async () => {
    const admin = sut.as('city-o', ['tenant-admin']);
    const oneMinute = { unit: 'calendar-minutes', amount: 1 };
    expect((await admin('PUT', '/v1/time-limits', { rules: [{ requestType: 'suggestion', urgency: 'normal', signFor: oneMinute, handling: oneMinute }] })).status).toBe(200);
    const request = brief({ requestType: 'suggestion' });
    const orders = await dispatchAndWait(sut, 'city-o', dispatched(request, [assignment('u-1'), assignment('u-2', 'assisting')]), 2);
    const [late, signedInTime] = [orders.find((o: { unitCode: string }) => o.unitCode === 'u-1'), orders.find((o: { unitCode: string }) => o.unitCode === 'u-2')];
    expect(new Date(late.handleDueAt).getTime() - new Date(late.createdAt).getTime()).toBe(60_000);
    expect((await sut.request('POST', `/v1/work-orders/${signedInTime.id}/sign`, await unitStaff('city-o', 'u-2'))).status).toBe(200);

    await sut.service.context.dataSource.query(`update timers set due_at = now() - interval '1 second' where key = any($1) and state = 'pending'`, [[late.id, signedInTime.id]]);
    const flagged = await eventually('both clocks flagged', async () => {
      const res = await admin('GET', `/v1/work-orders/${late.id}`);
      return res.body.signOverdue && res.body.handleOverdue ? res.body : undefined;
    });
    const overdue = await outboxEvents(sut, Events.handling.workOrderOverdue, late.id);
    expect(overdue.map((e) => [e.clock, e.dueAt])).toEqual(expect.arrayContaining([['sign-for', flagged.signDueAt], ['handling', flagged.handleDueAt]]));
    expect(overdue).toHaveLength(2);
    const other = await eventually('handling clock flagged', async () => {
      const res = await admin('GET', `/v1/work-orders/${signedInTime.id}`);
      return res.body.handleOverdue ? res.body : undefined;
    });
    expect(other.signOverdue).toBe(false);
    // A sign-for timer firing after the order was signed finds the clock stopped and does nothing.
    await sut.service.context.dataSource.query(
      `update timers set state = 'pending', due_at = now() - interval '1 second' where kind = 'sign-overdue' and key = $1`, [signedInTime.id]);
    await eventually('stale sign-for timer fired', async () => (await sut.service.context.dataSource.query(
      `select 1 from timers where kind = 'sign-overdue' and key = $1 and state = 'fired'`, [signedInTime.id])).length > 0);
    expect((await admin('GET', `/v1/work-orders/${signedInTime.id}`)).body.signOverdue).toBe(false);
    expect((await outboxEvents(sut, Events.handling.workOrderOverdue, signedInTime.id)).map((e) => e.clock)).toEqual(['handling']);
  });

  it('keeps tenants apart', async () => {
    const [order] = await dispatchAndWait(sut, 'city-a', dispatched(brief(), [assignment('u-shared')]), 1);
    const otherTenant = sut.as('city-b', ['tenant-admin']);
    expect((await otherTenant('GET', `/v1/work-orders/${order.id}`)).status).toBe(404);
    expect((await otherTenant('GET', '/v1/work-orders')).body).toMatchObject({ items: [], total: 0 });
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/sign`, await unitStaff('city-b', 'u-shared'))).status).toBe(404);
    const stream = streamOf(sut.namespace, 'handling').name;
    const published = await eventually('WorkOrderCreated on the stream', async () => {
      const message = await sut.service.context.bus.jsm.streams
        .getMessage(stream, { last_by_subj: eventSubject(sut.namespace, Events.handling.workOrderCreated, 'city-a') })
        .catch(() => undefined);
      const created = message && Events.handling.workOrderCreated.codec.decode(message.data);
      return created?.workOrderId === order.id ? created : undefined;
    });
    expect(published).toMatchObject({ unitCode: 'u-shared', role: 'primary', signDueAt: order.signDueAt });
    // Without a tenant set, row-level security shows nothing at all.
    expect(await sut.service.context.dataSource.query('select id from work_orders')).toEqual([]);
  });
});
