import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { revisitService } from '../src/revisit.service';
import { answered, Lifecycle, publishedEvents, query } from './lifecycle-helpers';

describe('revisit: answer review (复核)', () => {
  let sut: ServiceUnderTest;
  let life: Lifecycle;

  beforeAll(async () => {
    sut = await startServiceUnderTest(revisitService);
    life = new Lifecycle(sut);
  });

  afterAll(() => sut?.close());

  const count = async (sql: string, tenantId: string) =>
    (await sut.service.context.db.run(tenantId, (m) => m.query(sql)))[0].n as number;

  it('snapshots each answered work order as a pending review, once per rework round', async () => {
    const requestId = uuidv7();
    const event = answered(requestId, uuidv7());
    const review = await life.answer('city-a', event);
    expect(review).toMatchObject({
      requestId, workOrderId: event.workOrderId, unitId: event.unitId, role: 'primary', answer: event.answer,
      basis: event.basis, contactRecord: event.contactRecord, reworkCount: 0, status: 'pending', reasons: [], reviewedAt: null,
      answeredAt: event.answeredAt, answeredBy: event.answeredBy, onTime: true,
    });
    // The same answer again under another message id (a re-publication) adds nothing.
    const again = await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', event);
    await eventually('the duplicate consumed', async () =>
      (await count(`select count(*)::int as n from inbox where message_id = '${again}'`, 'city-a')) === 1);
    expect(await count(`select count(*)::int as n from reviews where request_id = '${requestId}'`, 'city-a')).toBe(1);
    const progress = await sut.service.context.db.run('city-a', (m) =>
      m.query(`select status, primary_work_order_id from request_progress where request_id = $1`, [requestId]));
    expect(progress).toEqual([{ status: 'awaiting-review', primary_work_order_id: event.workOrderId }]);
  });

  it('fails an answer with reasons, then passes the reworked one, emitting AnswerReviewed each time', async () => {
    const requestId = uuidv7();
    const workOrderId = uuidv7();
    const first = await life.answer('city-b', answered(requestId, workOrderId));
    const failed = await life.decide('city-b', first.id, { passed: false, reasons: ['未说明政策依据', '未记录联系诉求人'] });
    expect(failed).toMatchObject({ status: 200, body: { status: 'failed', reasons: ['未说明政策依据', '未记录联系诉求人'] } });
    expect(failed.body.reviewedAt).toEqual(expect.any(String));
    expect((await life.decide('city-b', first.id, { passed: true })).status).toBe(409);
    expect((await life.decide('city-b', first.id, { passed: false, reasons: ['x'] })).status).toBe(409);
    expect((await life.revisit('city-b', requestId)).status).toBe(409);

    const reworked = await life.answer('city-b', answered(requestId, workOrderId, { reworkCount: 1, answer: '已补充政策依据并联系诉求人' }));
    expect(reworked.id).not.toBe(first.id);
    const passed = await life.decide('city-b', reworked.id, { passed: true });
    expect(passed).toMatchObject({ status: 200, body: { status: 'passed', reasons: [] } });

    const pending = await sut.as('city-b', ['agent'])('GET', '/v1/revisits/pending');
    expect(pending.body.items).toEqual([expect.objectContaining({ requestId, primaryWorkOrderId: workOrderId, status: 'awaiting-revisit' })]);

    const reviewed = (await publishedEvents(sut, 'city-b')).filter((e) => e.type === Events.revisit.answerReviewed.type);
    expect(reviewed.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        reviewId: first.id, requestId, workOrderId, unitId: first.unitId, passed: false, reasons: ['未说明政策依据', '未记录联系诉求人'],
        reviewedBy: 'city-b:user', role: 'primary', reviewedAt: failed.body.reviewedAt,
      }),
      expect.objectContaining({ reviewId: reworked.id, requestId, workOrderId, passed: true, reasons: [], reviewedBy: 'city-b:user', role: 'primary' }),
    ]);
  });

  it("keeps an assisting unit's answer as its input to the lead's answer: never decided alone, shown beside the lead's", async () => {
    const requestId = uuidv7();
    const assisting = await life.answer('city-c', answered(requestId, uuidv7(), { role: 'assisting', answer: '街道已协调物业清理' }));
    expect(assisting.status).toBe('assist-input');
    const refused = await life.decide('city-c', assisting.id, { passed: true });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("reviewed with the lead's answer");
    expect((await publishedEvents(sut, 'city-c')).filter((e) => e.type === Events.revisit.answerReviewed.type)).toEqual([]);
    const reviewer = sut.as('city-c', ['reviewer']);
    expect((await reviewer('GET', '/v1/reviews?status=pending')).body.items).toEqual([]);
    expect(await count(`select count(*)::int as n from request_progress`, 'city-c')).toBe(0);

    const primary = await life.answer('city-c', answered(requestId, uuidv7()));
    const [queued] = (await reviewer('GET', '/v1/reviews?status=pending')).body.items;
    expect(queued).toMatchObject({ id: primary.id, role: 'primary' });
    expect(queued.assistInputs).toEqual([expect.objectContaining({ workOrderId: assisting.workOrderId, answer: '街道已协调物业清理' })]);
    expect((await reviewer('GET', '/v1/reviews?status=assist-input')).body.items).toEqual([
      expect.objectContaining({ id: assisting.id, role: 'assisting', assistInputs: [] }),
    ]);
    await life.decide('city-c', primary.id, { passed: true });
    expect((await reviewer('GET', '/v1/revisits/pending')).body.items).toHaveLength(1);
    const [event] = (await publishedEvents(sut, 'city-c')).filter((e) => e.type === Events.revisit.answerReviewed.type).map((e) => e.payload);
    expect(event).toMatchObject({ reviewId: primary.id, role: 'primary', passed: true });
  });

  it("keeps the inputs as they are when the request closes, and withdraws a lead answer that comes after", async () => {
    const requestId = uuidv7();
    const input = await life.answer('city-w', answered(requestId, uuidv7(), { role: 'assisting' }));
    const primary = await life.answer('city-w', answered(requestId, uuidv7()));
    await life.decide('city-w', primary.id, { passed: true });
    const closed = await life.revisit('city-w', requestId);
    expect(closed.status).toBe(201);
    const statuses = await query(sut, 'city-w', `select id, status from reviews where request_id = $1`, [requestId]);
    expect(Object.fromEntries(statuses.map((r: { id: string; status: string }) => [r.id, r.status]))).toEqual({
      [input.id]: 'assist-input', [primary.id]: 'passed',
    });
    // The archive record keeps the input under its assisting order.
    const orders = closed.body.archive.record.workOrders as Array<{ workOrderId: string; answers: Array<{ review: { status: string } }> }>;
    expect(orders.find((o) => o.workOrderId === input.workOrderId)!.answers.map((a) => a.review.status)).toEqual(['assist-input']);

    // A lead answer after the closure has nobody to review it.
    const late = await life.answer('city-w', answered(requestId, uuidv7()));
    expect(late.status).toBe('withdrawn');
    const refused = await life.decide('city-w', late.id, { passed: true });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('withdrawn');
    const events = (await publishedEvents(sut, 'city-w')).map((e) => e.type);
    expect(events.filter((t) => t === Events.revisit.answerReviewed.type)).toHaveLength(1);
  });

  it('lists reviews by status with pagination', async () => {
    const reviewer = sut.as('city-d', ['reviewer']);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await life.answer('city-d', answered(uuidv7(), uuidv7()))).id);
    await life.decide('city-d', ids[0]!, { passed: true });
    const pending = await reviewer('GET', '/v1/reviews?status=pending');
    expect(pending.body).toMatchObject({ limit: 50, offset: 0 });
    expect(pending.body.items.map((r: { id: string }) => r.id)).toEqual([ids[1], ids[2]]);
    expect((await reviewer('GET', '/v1/reviews?status=pending&limit=1&offset=1')).body.items.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
    expect((await reviewer('GET', '/v1/reviews?status=passed')).body.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect((await sut.as('city-d', ['supervisor'])('GET', '/v1/reviews')).body.items).toHaveLength(3);
  });

  it('answers bad input with a 400 problem naming each field, and writes nothing', async () => {
    const review = await life.answer('city-e', answered(uuidv7(), uuidv7()));
    const reviewer = sut.as('city-e', ['reviewer']);
    const missing = await life.decide('city-e', review.id, { passed: false });
    expect(missing).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [expect.objectContaining({ field: 'reasons' })] } });
    expect(missing.type).toContain('application/problem+json');
    const bad = await reviewer('POST', '/v1/reviews/not-a-uuid/decision', { passed: 'yes', reasons: [''], extra: 1 });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['id', 'passed', 'reasons.0', '(body)']));
    const tooMany = await life.decide('city-e', review.id, { passed: false, reasons: Array.from({ length: 11 }, () => '理由') });
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'reasons' })]);
    const tooLong = await life.decide('city-e', review.id, { passed: false, reasons: ['长'.repeat(201)] });
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'reasons.0' })]);
    const query = await reviewer('GET', '/v1/reviews?status=done&limit=201&offset=-1');
    expect(query.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.status', 'query.limit', 'query.offset']);
    expect((await life.decide('city-e', uuidv7(), { passed: true })).status).toBe(404);
    expect(await count(`select count(*)::int as n from reviews where status <> 'pending'`, 'city-e')).toBe(0);
    expect(await count(`select count(*)::int as n from outbox where tenant_id = 'city-e'`, 'city-e')).toBe(0);
  });

  it('checks roles and keeps tenants apart', async () => {
    const review = await life.answer('city-f', answered(uuidv7(), uuidv7()));
    expect((await sut.request('GET', '/v1/reviews')).status).toBe(401);
    for (const role of ['agent', 'unit-operator', 'tenant-admin'] as const)
      expect((await sut.as('city-f', [role])('GET', '/v1/reviews')).status).toBe(403);
    for (const role of ['agent', 'supervisor', 'tenant-admin'] as const)
      expect((await sut.as('city-f', [role])('POST', `/v1/reviews/${review.id}/decision`, { passed: true })).status).toBe(403);
    expect((await sut.as('city-g', ['reviewer'])('GET', '/v1/reviews')).body.items).toEqual([]);
    expect((await life.decide('city-g', review.id, { passed: true })).status).toBe(404);
    expect(await sut.service.context.dataSource.query('select * from reviews')).toEqual([]);
  });
});
