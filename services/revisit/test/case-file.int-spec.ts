import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { CASE_FILE_FORMAT, GENESIS_HASH, recordHash } from '@hotline/revisit-domain';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { runVerifyArchive } from '../src/archive/verify-archive-command';
import { revisitService } from '../src/revisit.service';
import { answered, brief, closedAtIntake, created, dispatched, Lifecycle, publishedEvents, query } from './lifecycle-helpers';

describe('revisit: the case file and the archive of every closed request', () => {
  let sut: ServiceUnderTest;
  let life: Lifecycle;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stored record as JSON
  const archivedRecord = async (tenantId: string, requestId: string): Promise<any> =>
    eventually(`archive record of ${requestId}`, async () => {
      const [row] = await query(sut, tenantId, `select record from archive_records where request_id = $1`, [requestId]);
      return row?.record;
    });
  const eventsOf = async (tenantId: string, requestId: string) =>
    (await publishedEvents(sut, tenantId)).filter((e) => e.payload.requestId === requestId);

  beforeAll(async () => {
    sut = await startServiceUnderTest(revisitService);
    life = new Lifecycle(sut);
  });

  afterAll(() => sut?.close());

  it('consumes through the durable consumers it declares, with their filters', async () => {
    const { jsm } = sut.service.context.bus;
    const ns = sut.namespace;
    const stream = (p: string) => `${ns.toUpperCase().replace(/-/g, '_')}_HL_${p}_V1`;
    const filterOf = async (producer: string, durable: string) => (await jsm.consumers.info(stream(producer), durable)).config.filter_subject;
    expect(await filterOf('HANDLING', 'revisit--hl-handling-v1--work-order-answered')).toBe(`${ns}.hl.handling.v1.*.work-order.answered`);
    expect(await filterOf('DISPATCH', 'revisit--hl-dispatch-v1--case-file')).toBe(`${ns}.hl.dispatch.v1.*.request.dispatched`);
    expect(await filterOf('INTAKE', 'revisit--hl-intake-v1--case-file')).toBeFalsy();
    expect(await filterOf('HANDLING', 'revisit--hl-handling-v1--case-file')).toBeFalsy();
  });

  it('archives a direct answer when intake reports it closed, with intake’s closure, once', async () => {
    const requestId = uuidv7();
    const request = brief(requestId, { requestType: 'consultation', title: '社保转移咨询' });
    const event = closedAtIntake(request);
    await publishEvent(sut, Events.intake.requestClosedAtIntake, 'city-a', event);
    const record = await archivedRecord('city-a', requestId);
    expect(record).toEqual({
      format: CASE_FILE_FORMAT, tenantId: 'city-a', sequence: 1, requestId, archivedAt: expect.any(String),
      request: {
        requestId, number: request.number, channel: 'phone', requestType: 'consultation', urgency: 'normal', categoryCode: '030603',
        categoryPath: ['03', '0306', '030603'], taxonomyVersion: 2, areaCode: '320104', title: '社保转移咨询', content: '3号楼电梯停运三天',
        receivedAt: '2025-01-20T01:00:00.000Z', requester: { maskedName: '张*', maskedPhone: '138****5678', anonymous: false, confidential: false },
      },
      dispatches: [], workOrders: [], revisit: null,
      closure: { closedAt: '2025-01-20T01:05:00.000Z', closedBy: 'agent-7', outcome: 'direct-answer', detail: '已告知办理流程和所需材料' },
    });
    // Re-published under another message id: still archived once.
    await publishEvent(sut, Events.intake.requestClosedAtIntake, 'city-a', event);
    await publishEvent(sut, Events.intake.requestAccepted, 'city-a', { request: brief(uuidv7()) });
    await life.caseFileHas('city-a', `select 1 from case_requests where request_id <> $1 having count(*) = 1`, [requestId]);
    expect(await query(sut, 'city-a', `select sequence from archive_records where request_id = $1`, [requestId])).toEqual([{ sequence: '1' }]);
    expect((await eventsOf('city-a', requestId)).map((e) => e.type)).toEqual([Events.revisit.requestArchived.type]);
  });

  it('archives an out-of-scope record with its outcome and reason', async () => {
    const requestId = uuidv7();
    await publishEvent(sut, Events.intake.requestClosedAtIntake, 'city-o', closedAtIntake(brief(requestId), {
      outcome: 'legal-route', detail: '劳动争议应申请劳动仲裁', closedBy: 'agent-9',
    }));
    const record = await archivedRecord('city-o', requestId);
    expect(record).toMatchObject({ sequence: 1, request: { requestId }, dispatches: [], workOrders: [], revisit: null });
    expect(record.closure).toEqual({ closedAt: '2025-01-20T01:05:00.000Z', closedBy: 'agent-9', outcome: 'legal-route', detail: '劳动争议应申请劳动仲裁' });
    expect(await runVerifyArchive({ DATABASE_URL: sut.db.url, TENANT: 'city-o' })).toMatchObject({ exitCode: 0 });
  });

  it('archives a dispatched request with its dispatch, orders, answers, reviews, revisit and closure', async () => {
    const requestId = uuidv7();
    const [primaryId, assistingId, cancelledId] = [uuidv7(), uuidv7(), uuidv7()];
    const request = brief(requestId);
    await life.accept('city-d', request);
    const assignments = [
      { unitId: `unit-of-${primaryId}`, unitName: '住建局', unitCode: 'housing', role: 'primary' },
      { unitId: `unit-of-${assistingId}`, unitName: '区政府', unitCode: 'district', role: 'assisting' },
      { unitId: `unit-of-${cancelledId}`, unitName: '街道办', unitCode: 'street', role: 'assisting' },
    ];
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-d', dispatched(request, assignments));
    await publishEvent(sut, Events.handling.workOrderCreated, 'city-d', created(request, primaryId));
    await publishEvent(sut, Events.handling.workOrderCreated, 'city-d', created(request, assistingId, {
      role: 'assisting', unitName: '区政府', unitCode: 'district', createdAt: '2025-01-20T01:00:06.000Z',
    }));
    await publishEvent(sut, Events.handling.workOrderCreated, 'city-d', created(request, cancelledId, {
      role: 'assisting', unitName: '街道办', unitCode: 'street', createdAt: '2025-01-20T01:00:07.000Z',
    }));
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-d', {
      workOrderId: primaryId, requestId, unitId: `unit-of-${primaryId}`, signedAt: '2025-01-20T02:00:00.000Z', onTime: true, signedBy: 'housing-operator',
    });
    const first = await life.answer('city-d', answered(requestId, primaryId, { answer: '已联系物业', answeredBy: 'housing-operator' }));
    await life.decide('city-d', first.id, { passed: false, reasons: ['未说明政策依据'] });
    await publishEvent(sut, Events.handling.workOrderReopened, 'city-d', {
      workOrderId: primaryId, requestId, unitId: `unit-of-${primaryId}`, reasons: ['未说明政策依据'], reworkCount: 1,
      handleDueAt: '2025-02-14T09:00:00.000Z', reopenedAt: '2025-01-22T02:00:00.000Z', reworkDueAt: '2025-01-29T09:00:00.000Z',
    });
    const second = await life.answer('city-d', answered(requestId, primaryId, {
      reworkCount: 1, answer: '依据《物业管理条例》第三十五条，已督促物业修复电梯', answeredAt: '2025-01-23T02:00:00.000Z',
      answeredBy: 'housing-leader', reworkDueAt: '2025-01-29T09:00:00.000Z', reworkOnTime: true,
    }));
    const assisting = await life.answer('city-d', answered(requestId, assistingId, {
      role: 'assisting', unitId: `unit-of-${assistingId}`, answer: '已配合现场核查', answeredBy: 'district-operator', answeredAt: '2025-01-22T05:00:00.000Z',
    }));
    expect(assisting.status).toBe('assist-input');
    await publishEvent(sut, Events.handling.workOrderCancelled, 'city-d', {
      workOrderId: cancelledId, requestId, unitId: `unit-of-${cancelledId}`, role: 'assisting', reason: 'request-closed',
      previousStatus: 'awaiting-sign', cancelledAt: '2025-01-23T03:00:00.000Z',
    });
    await life.caseFileHas('city-d', `select 1 from case_dispatches where request_id = $1`, [requestId]);
    await life.caseFileHas('city-d', `select 1 from case_work_orders where work_order_id = $1 and signed_at is not null and rework_round = 1`, [primaryId]);
    await life.caseFileHas('city-d', `select 1 from case_work_orders where work_order_id = $1 and cancelled_at is not null and created_at is not null`, [cancelledId]);
    await life.caseFileHas('city-d', `select 1 from case_work_orders where work_order_id = $1 and created_at is not null`, [assistingId]);
    await life.decide('city-d', second.id, { passed: true });

    const res = await sut.as('city-d', ['reviewer'])('POST', '/v1/revisits', { requestId, method: 'phone', resolved: true, satisfaction: 'basically-satisfied' });
    expect(res.status).toBe(201);
    const { record } = res.body.archive;
    const review = (status: string, reasons: string[] = []) => ({ status, reasons, reviewedAt: expect.any(String), reviewedBy: 'city-d:user' });
    expect(record).toEqual({
      format: CASE_FILE_FORMAT, tenantId: 'city-d', sequence: 1, requestId, archivedAt: expect.any(String),
      request: expect.objectContaining({ requestId, number: request.number, title: '小区电梯停运', content: '3号楼电梯停运三天', taxonomyVersion: 2 }),
      dispatches: [{
        mode: 'catalog', catalogVersion: 3, dispatchedAt: '2025-01-20T01:00:04.000Z', dispatchedBy: 'system:dispatch',
        assignments: assignments.map((a) => ({ ...a })),
      }],
      workOrders: [
        {
          workOrderId: primaryId, unitId: `unit-of-${primaryId}`, unitName: '住建局', unitCode: 'housing', role: 'primary',
          createdAt: '2025-01-20T01:00:05.000Z', signDueAt: '2025-01-21T09:00:00.000Z', signedAt: '2025-01-20T02:00:00.000Z', signedBy: 'housing-operator',
          handleDueAt: '2025-02-14T09:00:00.000Z', reworkDueAt: '2025-01-29T09:00:00.000Z',
          answeredAt: '2025-01-23T02:00:00.000Z', answeredBy: 'housing-leader', cancellation: null,
          answers: [
            {
              reworkRound: 0, answer: '已联系物业', basis: '《城市照明管理规定》第十条', contactRecord: '2025-01-24 10:00 电话联系诉求人,已告知处理结果',
              answeredAt: '2025-01-24T02:00:00.000Z', answeredBy: 'housing-operator', onTime: true, review: review('failed', ['未说明政策依据']),
            },
            {
              reworkRound: 1, answer: '依据《物业管理条例》第三十五条，已督促物业修复电梯', basis: '《城市照明管理规定》第十条',
              contactRecord: '2025-01-24 10:00 电话联系诉求人,已告知处理结果', answeredAt: '2025-01-23T02:00:00.000Z', answeredBy: 'housing-leader',
              onTime: true, review: review('passed'),
            },
          ],
        },
        expect.objectContaining({
          workOrderId: assistingId, unitName: '区政府', role: 'assisting', answeredBy: 'district-operator', cancellation: null,
          // An assisting unit's input: reviewed with the lead's answer, never on its own (ADR 0026).
          answers: [expect.objectContaining({ answer: '已配合现场核查', review: expect.objectContaining({ status: 'assist-input', reviewedAt: null }) })],
        }),
        expect.objectContaining({
          workOrderId: cancelledId, unitName: '街道办', role: 'assisting', signedAt: null, answeredAt: null, answers: [],
          cancellation: { reason: 'request-closed', previousStatus: 'awaiting-sign', cancelledAt: '2025-01-23T03:00:00.000Z' },
        }),
      ],
      revisit: {
        outcome: 'evaluated', method: 'phone', resolved: true, satisfaction: 'basically-satisfied',
        resolution: 'resolved', respondent: null, defaulted: false,
        recordedAt: res.body.revisit.recordedAt, recordedBy: 'city-d:user',
      },
      closure: { closedAt: res.body.revisit.recordedAt, closedBy: 'city-d:user', outcome: 'evaluated', detail: null },
    });
    expect(res.body.archive.recordHash).toBe(recordHash(GENESIS_HASH, record));
    expect(JSON.stringify(record)).not.toMatch(/13812345678|张三/);
  });

  it('files each event whatever order the streams deliver them in', async () => {
    const requestId = uuidv7();
    const workOrderId = uuidv7();
    const request = brief(requestId);
    // The answer first, then the signature, then the creation (handling's copy of the brief), then intake's brief.
    await life.answer('city-r', answered(requestId, workOrderId, { handleDueAt: '2025-02-15T09:00:00.000Z' }));
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-r', {
      workOrderId, requestId, unitId: `unit-of-${workOrderId}`, signedAt: '2025-01-20T02:00:00.000Z', onTime: true, signedBy: 'op',
    });
    await life.caseFileHas('city-r', `select 1 from case_work_orders where work_order_id = $1 and signed_at is not null`, [workOrderId]);
    await publishEvent(sut, Events.handling.workOrderCreated, 'city-r', created({ ...request, title: 'copy of handling' }, workOrderId));
    await life.caseFileHas('city-r', `select 1 from case_work_orders where work_order_id = $1 and created_at is not null`, [workOrderId]);
    await life.accept('city-r', request);
    // A late copy of the brief from handling does not replace intake's.
    await publishEvent(sut, Events.handling.workOrderCreated, 'city-r', created({ ...request, title: 'late copy' }, uuidv7()));
    await life.caseFileHas('city-r', `select 1 from case_work_orders where request_id = $1 having count(*) = 2`, [requestId]);

    const [row] = await query(sut, 'city-r', `select * from case_work_orders where work_order_id = $1`, [workOrderId]);
    expect(row).toMatchObject({
      request_id: requestId, unit_name: '住建局', unit_code: 'housing', role: 'primary', signed_by: 'op',
      created_at: new Date('2025-01-20T01:00:05.000Z'), signed_at: new Date('2025-01-20T02:00:00.000Z'),
      // The answer's statement of the original due wins over the creation's (which may have been provisional).
      handle_due_at: new Date('2025-02-15T09:00:00.000Z'),
    });
    const [stored] = await query(sut, 'city-r', `select brief from case_requests where request_id = $1`, [requestId]);
    expect(stored.brief.title).toBe('小区电梯停运');
  });

  it('skips the revisit of an anonymous requester, closes and archives the request', async () => {
    const requestId = uuidv7();
    await life.accept('city-n', brief(requestId, { anonymous: true, requesterMaskedName: '', requesterMaskedPhone: '' }));
    const review = await life.answer('city-n', answered(requestId, uuidv7()));
    const assistInput = await life.answer('city-n', answered(requestId, uuidv7(), { role: 'assisting' }));
    expect((await life.decide('city-n', review.id, { passed: true })).status).toBe(200);

    const events = await eventsOf('city-n', requestId);
    expect(events.map((e) => e.type)).toEqual([
      Events.revisit.answerReviewed.type, Events.revisit.revisitSkipped.type, Events.revisit.requestClosed.type, Events.revisit.requestArchived.type,
    ]);
    const [, skipped, closed] = events.map((e) => e.payload);
    expect(skipped).toEqual({ requestId, reason: 'anonymous-requester', skippedAt: expect.any(String), unitId: review.unitId });
    expect(closed).toEqual({
      requestId, closedAt: skipped.skippedAt, resolved: false, satisfaction: '', closedBy: 'system:revisit', revisitOutcome: 'skipped',
      closingBasis: 'no-revisit',
    });
    const record = await archivedRecord('city-n', requestId);
    expect(record.request.requester).toEqual({ maskedName: '', maskedPhone: '', anonymous: true, confidential: false });
    expect(record.revisit).toEqual({ outcome: 'skipped', reason: 'anonymous-requester', skippedAt: skipped.skippedAt });
    expect(record.closure).toEqual({ closedAt: skipped.skippedAt, closedBy: 'system:revisit', outcome: 'skipped', detail: null });
    expect(record.workOrders.find((o: { workOrderId: string }) => o.workOrderId === assistInput.workOrderId).answers[0].review.status).toBe('assist-input');

    const refused = await life.revisit('city-n', requestId);
    expect(refused).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect(refused.body.detail).toContain('anonymous-requester');
    expect((await sut.as('city-n', ['agent'])('GET', '/v1/revisits/pending')).body.items).toEqual([]);
  });

  it('skips a waiting revisit when the brief saying the requester is anonymous arrives late', async () => {
    const requestId = uuidv7();
    const request = brief(requestId, { anonymous: true, requesterMaskedName: '', requesterMaskedPhone: '' });
    await life.readyForRevisit('city-m', requestId);
    expect((await sut.as('city-m', ['agent'])('GET', '/v1/revisits/pending')).body.items).toHaveLength(1);
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-m', dispatched(request, []));
    const record = await archivedRecord('city-m', requestId);
    expect(record).toMatchObject({ revisit: { outcome: 'skipped', reason: 'anonymous-requester' }, closure: { outcome: 'skipped' } });
    expect(record.dispatches).toHaveLength(1);
    expect((await life.revisit('city-m', requestId)).status).toBe(409);
  });

  it('keeps no clear requester identity, whatever a brief carries', async () => {
    const requestId = uuidv7();
    await life.accept('city-p', brief(requestId, { requesterMaskedName: '张三丰', requesterMaskedPhone: '13812345678' }));
    const [stored] = await query(sut, 'city-p', `select brief::text as text from case_requests where request_id = $1`, [requestId]);
    expect(stored.text).not.toMatch(/13812345678|张三丰/);
    const confidential = uuidv7();
    await life.accept('city-p', brief(confidential, { confidential: true }));
    const [hidden] = await query(sut, 'city-p', `select brief from case_requests where request_id = $1`, [confidential]);
    expect(hidden.brief.requester).toEqual({ maskedName: '', maskedPhone: '', anonymous: false, confidential: true });
  });
});
