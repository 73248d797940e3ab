import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { CLEAR, CLEAR_VALUES, eventually, everythingStored, MASKED } from '@hotline/testing';
import { revisitService } from '../src/revisit.service';
import { answered, brief, closedAtIntake, created, dispatched, Lifecycle, publishedEvents, query } from './lifecycle-helpers';

describe('revisit keeps personal data in free text masked only (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let life: Lifecycle;
  const tenant = 'city-p';
  const requestId = uuidv7();
  const workOrderId = uuidv7();
  // What an older producer, or a replay of the stream, may still carry: clear text everywhere.
  const clearBrief = brief(requestId, { title: `电梯停运，请回电${CLEAR.mobile}`, content: `身份证${CLEAR.id}，退费卡号${CLEAR.card}` });
  const clearAnswer = {
    answer: `已退款至卡${CLEAR.card}`, basis: `经办人座机${CLEAR.landline}`, contactRecord: `2025-01-24 10:00 致电${CLEAR.mobile}，已告知结果`,
  };
  let archive: { record: unknown; recordHash: string };

  beforeAll(async () => {
    sut = await startServiceUnderTest(revisitService);
    life = new Lifecycle(sut);
    await life.accept(tenant, clearBrief);
    await publishEvent(sut, Events.dispatch.requestDispatched, tenant, dispatched(clearBrief, [{ unitId: 'u1', unitName: '住建局', unitCode: 'housing', role: 'primary' }]));
    await publishEvent(sut, Events.handling.workOrderCreated, tenant, created(clearBrief, workOrderId));
    const first = await life.answer(tenant, answered(requestId, workOrderId, clearAnswer));
    // The reviewer's own text: a phone and an id number typed into the reasons.
    const failed = await life.decide(tenant, first.id, { passed: false, reasons: [`请回电${CLEAR.mobile}核实`, `核对身份证${CLEAR.id}`] });
    expect(failed.status).toBe(200);
    const final = await life.answer(tenant, answered(requestId, workOrderId, { ...clearAnswer, reworkCount: 1 }));
    await life.decide(tenant, final.id, { passed: true });
    await life.caseFileHas(tenant, `select 1 from case_work_orders where work_order_id = $1 and unit_name is not null`, [workOrderId]);
    const revisit = await life.revisit(tenant, requestId);
    expect(revisit.status).toBe(201);
    archive = revisit.body.archive;
  });

  afterAll(() => sut?.close());

  it('shows reviewers the answers and the reasons masked', async () => {
    const { body } = await sut.as(tenant, ['reviewer'])('GET', '/v1/reviews?limit=200');
    const reviews = body.items.filter((r: { requestId: string }) => r.requestId === requestId);
    expect(reviews).toHaveLength(2);
    for (const review of reviews)
      expect(review).toMatchObject({
        answer: `已退款至卡${MASKED.card}`, basis: `经办人座机${MASKED.landline}`, contactRecord: `2025-01-24 10:00 致电${MASKED.mobile}，已告知结果`,
      });
    expect(reviews[0].reasons).toEqual([`请回电${MASKED.mobile}核实`, `核对身份证${MASKED.id}`]);
    expect(JSON.stringify(body)).not.toMatch(CLEAR_VALUES);
  });

  it('publishes its own reasons masked in AnswerReviewed', async () => {
    const reviewed = (await publishedEvents(sut, tenant)).filter((e) => e.type === Events.revisit.answerReviewed.type);
    expect(reviewed.map((e) => e.payload.reasons)).toEqual([[`请回电${MASKED.mobile}核实`, `核对身份证${MASKED.id}`], []]);
    expect(JSON.stringify((await publishedEvents(sut, tenant)).map((e) => e.payload))).not.toMatch(CLEAR_VALUES);
  });

  it('archives the whole process masked, and the chain verifies', async () => {
    const { body } = await sut.as(tenant, ['supervisor'])('GET', '/v1/archive');
    const [link] = body.items;
    expect(link).toMatchObject({ requestId, record: archive.record, recordHash: archive.recordHash });
    expect(link.record.request).toMatchObject({ title: `电梯停运，请回电${MASKED.mobile}`, content: `身份证${MASKED.id}，退费卡号${MASKED.card}` });
    expect(link.record.workOrders[0].answers.map((a: { answer: string; review: { reasons: string[] } }) => [a.answer, a.review.reasons])).toEqual([
      [`已退款至卡${MASKED.card}`, [`请回电${MASKED.mobile}核实`, `核对身份证${MASKED.id}`]],
      [`已退款至卡${MASKED.card}`, []],
    ]);
    expect(JSON.stringify(body)).not.toMatch(CLEAR_VALUES);
    expect((await sut.as(tenant, ['supervisor'])('GET', '/v1/archive/verify')).body).toEqual({ intact: true, records: 1 });
  });

  it('archives a request closed at intake with its detail masked', async () => {
    const closedId = uuidv7();
    const closed = closedAtIntake(brief(closedId, { content: `联系电话${CLEAR.mobile}` }), { detail: `已告知可拨打${CLEAR.landline}咨询` });
    await publishEvent(sut, Events.intake.requestClosedAtIntake, tenant, closed);
    const record = await eventually('the closure archived', async () =>
      (await query(sut, tenant, `select record from archive_records where request_id = $1`, [closedId]))[0]?.record,
    );
    expect(record.closure.detail).toBe(`已告知可拨打${MASKED.landline}咨询`);
    expect(record.request.content).toBe(`联系电话${MASKED.mobile}`);
  });

  it('stores no clear copy anywhere: case file, reviews, archive, outbox', async () => {
    await publishedEvents(sut, tenant);
    const stored = await everythingStored(sut.db);
    expect(stored).toContain(MASKED.card);
    expect(stored).not.toMatch(CLEAR_VALUES);
  });
});
