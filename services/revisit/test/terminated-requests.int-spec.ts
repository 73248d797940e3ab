import { Events, intakeEventsV1 } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { revisitService } from '../src/revisit.service';
import { REVISIT_WINDOW_TIMER } from '../src/revisits/start-revisit';
import { answered, brief, created, Lifecycle, publishedEvents, query } from './lifecycle-helpers';

// 诉求终结 in revisit (issue 13), on the real database and broker: intake's RequestTerminated closes
// the case file at whatever stage the request is, draws no revisit, withdraws what awaits review,
// and archives the request with its termination; RequestArchived, never RequestClosed.
describe('revisit: terminated requests are closed without a revisit and archived with their termination', () => {
  let sut: ServiceUnderTest;
  let life: Lifecycle;

  const terminated = (requestId: string, overrides: Partial<intakeEventsV1.RequestTerminated> = {}): intakeEventsV1.RequestTerminated => ({
    requestId,
    number: `3201-20250120-${requestId.slice(-6)}`,
    terminationId: uuidv7(),
    reasonCode: 'repeated-no-new-facts',
    evidenceRequestNumbers: ['3201-20241201-000011', '3201-20250105-000012'],
    hearingRecord: '',
    legalRoute: '如对处理结果不服，可依法申请行政复议，咨询电话 13812345678',
    proposedBy: 'agent-7',
    approvedBy: 'supervisor-2',
    terminatedAt: '2025-01-26T02:00:00.000Z',
    ...overrides,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stored record as JSON
  const archivedRecord = (tenantId: string, requestId: string): Promise<any> =>
    eventually(`archive record of ${requestId}`, async () => {
      const [row] = await query(sut, tenantId, `select record from archive_records where request_id = $1`, [requestId]);
      return row?.record;
    });
  const progressOf = async (tenantId: string, requestId: string) =>
    (await query(sut, tenantId, `select status, closing_basis, closed_by, revisit_outcome, skip_reason from request_progress where request_id = $1`, [requestId]))[0];
  const eventsOf = async (tenantId: string, requestId: string) => (await publishedEvents(sut, tenantId)).filter((e) => e.payload.requestId === requestId);
  const verify = async (tenantId: string) => (await sut.as(tenantId, ['tenant-admin'])('GET', '/v1/archive/verify')).body;
  const terminate = async (tenantId: string, requestId: string, overrides: Partial<intakeEventsV1.RequestTerminated> = {}, messageId = uuidv7()) => {
    await publishEvent(sut, Events.intake.requestTerminated, tenantId, terminated(requestId, overrides), messageId);
    return archivedRecord(tenantId, requestId);
  };
  /** A request accepted, its primary order created (unit `housing`), answered and the answer passed review. */
  async function awaitingRevisit(tenantId: string) {
    const requestId = uuidv7();
    const workOrderId = uuidv7();
    await life.accept(tenantId, brief(requestId));
    await publishEvent(sut, Events.handling.workOrderCreated, tenantId, created(brief(requestId), workOrderId));
    await life.caseFileHas(tenantId, `select 1 from case_work_orders where work_order_id = $1 and created_at is not null`, [workOrderId]);
    const review = await life.answer(tenantId, answered(requestId, workOrderId));
    expect((await life.decide(tenantId, review.id, { passed: true })).status).toBe(200);
    return { requestId, workOrderId };
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(revisitService);
    life = new Lifecycle(sut);
  });

  afterAll(() => sut?.close());

  it('closes a request awaiting its revisit as terminated: window cancelled, no revisit, archived with the termination, once', async () => {
    const T = 'city-tr';
    const { requestId, workOrderId } = await awaitingRevisit(T);
    const [window] = await query(sut, T, `select state from timers where kind = $1 and key = $2`, [REVISIT_WINDOW_TIMER, requestId]);
    expect(window.state).toBe('pending');

    const messageId = uuidv7();
    const record = await terminate(T, requestId, {}, messageId);
    expect(record.closure).toEqual({
      closedAt: '2025-01-26T02:00:00.000Z',
      closedBy: 'supervisor-2',
      outcome: 'terminated',
      // The legal route the requester was told, masked like every free text of the archive.
      detail: '如对处理结果不服，可依法申请行政复议，咨询电话 138****5678',
      termination: {
        terminationId: expect.any(String),
        reasonCode: 'repeated-no-new-facts',
        evidenceRequestNumbers: ['3201-20241201-000011', '3201-20250105-000012'],
        hearingRecord: null,
        proposedBy: 'agent-7',
        approvedBy: 'supervisor-2',
        terminatedAt: '2025-01-26T02:00:00.000Z',
      },
    });
    expect(record.revisit).toBeNull();
    expect(record.request).toMatchObject({ requestId, title: '小区电梯停运' });
    expect(record.workOrders.map((o: { workOrderId: string; unitCode: string }) => [o.workOrderId, o.unitCode])).toEqual([[workOrderId, 'housing']]);
    expect(await progressOf(T, requestId)).toEqual({
      status: 'closed', closing_basis: 'terminated', closed_by: 'supervisor-2', revisit_outcome: null, skip_reason: null,
    });
    const [cancelled] = await query(sut, T, `select state from timers where kind = $1 and key = $2`, [REVISIT_WINDOW_TIMER, requestId]);
    expect(cancelled.state).toBe('cancelled');
    // Nothing of a revisit can be recorded for it any more.
    expect((await life.revisit(T, requestId)).status).toBe(409);
    expect((await sut.as(T, ['agent'])('POST', `/v1/revisits/${requestId}/attempts`, { method: 'phone' })).status).toBe(409);
    expect((await sut.as(T, ['agent'])('GET', '/v1/revisits/pending')).body.items).toEqual([]);

    // Redelivered (same message id: the inbox) or re-published (another id): kept and archived once.
    await publishEvent(sut, Events.intake.requestTerminated, T, terminated(requestId), messageId);
    await publishEvent(sut, Events.intake.requestTerminated, T, terminated(requestId, { approvedBy: 'supervisor-9' }));
    // A later termination on the same consumer has been applied once those before it were.
    const marker = uuidv7();
    await life.accept(T, brief(marker));
    await terminate(T, marker);
    expect(await query(sut, T, `select count(*)::int as n from archive_records where request_id = $1`, [requestId])).toEqual([{ n: 1 }]);
    expect(await query(sut, T, `select approved_by from case_terminations where request_id = $1`, [requestId])).toEqual([{ approved_by: 'supervisor-2' }]);

    const types = (await eventsOf(T, requestId)).map((e) => e.type);
    expect(types).toEqual([Events.revisit.answerReviewed.type, Events.revisit.requestArchived.type]);
    expect(await verify(T)).toEqual({ intact: true, records: 2 });
  });

  it('terminated before any answer: a later primary answer is withdrawn, never reviewed nor revisited', async () => {
    const T = 'city-te';
    const requestId = uuidv7();
    await life.accept(T, brief(requestId, { anonymous: false }));
    const record = await terminate(T, requestId, { reasonCode: 'malicious-use', evidenceRequestNumbers: [], hearingRecord: '听证记录〔2025〕3号' });
    expect(record).toMatchObject({
      revisit: null, workOrders: [], dispatches: [],
      closure: { outcome: 'terminated', termination: { reasonCode: 'malicious-use', evidenceRequestNumbers: [], hearingRecord: '听证记录〔2025〕3号' } },
    });
    expect(await progressOf(T, requestId)).toMatchObject({ status: 'closed', closing_basis: 'terminated' });

    // The unit answers afterwards (its order was not yet cancelled): nothing reopens.
    const late = await life.answer(T, answered(requestId, uuidv7()));
    expect(late.status).toBe('withdrawn');
    expect((await life.decide(T, late.id, { passed: true })).status).toBe(409);
    expect(await progressOf(T, requestId)).toMatchObject({ status: 'closed', closing_basis: 'terminated' });
    expect((await life.revisit(T, requestId)).status).toBe(409);
    expect(await query(sut, T, `select count(*)::int as n from archive_records where request_id = $1`, [requestId])).toEqual([{ n: 1 }]);
    expect(await verify(T)).toEqual({ intact: true, records: 1 });
  });

  it('withdraws an answer awaiting review, and keeps an evaluation awaiting judgement in the archive; neither can be decided after', async () => {
    const T = 'city-tj';
    // Awaiting review: the pending review is withdrawn with the termination.
    const inReview = uuidv7();
    await life.accept(T, brief(inReview));
    const review = await life.answer(T, answered(inReview, uuidv7()));
    expect(review.status).toBe('pending');
    await terminate(T, inReview);
    const [withdrawn] = await query(sut, T, `select status, reviewed_by from reviews where id = $1`, [review.id]);
    expect(withdrawn).toEqual({ status: 'withdrawn', reviewed_by: 'system:revisit' });
    expect((await life.decide(T, review.id, { passed: true })).status).toBe(409);

    // Awaiting the judgement of a dissatisfied evaluation: archived with that evaluation, unjudged.
    const { requestId } = await awaitingRevisit(T);
    const evaluation = await life.revisit(T, requestId, { resolution: 'unresolved', resolved: undefined, satisfaction: 'dissatisfied' });
    expect(evaluation.status).toBe(201);
    expect(await progressOf(T, requestId)).toMatchObject({ status: 'awaiting-judgement' });
    const record = await terminate(T, requestId);
    expect(record.revisit).toMatchObject({ outcome: 'evaluated', resolution: 'unresolved', satisfaction: 'dissatisfied' });
    expect(record.revisit.judgement).toBeUndefined();
    expect(record.closure).toMatchObject({ outcome: 'terminated', closedBy: 'supervisor-2' });
    expect((await sut.as(T, ['reviewer'])('POST', `/v1/revisits/${requestId}/judgement`, { reasonable: true, note: '仍未解决' })).status).toBe(409);
    const events = (await eventsOf(T, requestId)).map((e) => e.type);
    expect(events).not.toContain(Events.revisit.requestClosed.type);
    expect(events).not.toContain(Events.revisit.evaluationJudged.type);
    expect(events.at(-1)).toBe(Events.revisit.requestArchived.type);
    expect(await verify(T)).toEqual({ intact: true, records: 2 });
  });

  it('leaves a request revisit closed before the termination arrived as it was: archived once, with its own closure', async () => {
    const T = 'city-tc';
    const { requestId } = await awaitingRevisit(T);
    const closed = await life.revisit(T, requestId);
    expect(closed.status).toBe(201);
    const before = await archivedRecord(T, requestId);
    await publishEvent(sut, Events.intake.requestTerminated, T, terminated(requestId));
    await life.caseFileHas(T, `select 1 from case_terminations where request_id = $1`, [requestId]);
    expect(await archivedRecord(T, requestId)).toEqual(before);
    expect(before.closure.outcome).toBe('evaluated');
    expect(await progressOf(T, requestId)).toMatchObject({ status: 'closed', closing_basis: 'evaluated' });
    expect(await query(sut, T, `select count(*)::int as n from archive_records where request_id = $1`, [requestId])).toEqual([{ n: 1 }]);
    const closes = (await eventsOf(T, requestId)).filter((e) => e.type === Events.revisit.requestClosed.type);
    expect(closes.map((e) => e.payload.closingBasis)).toEqual(['evaluated']);
    expect(await verify(T)).toEqual({ intact: true, records: 1 });
  });
});
