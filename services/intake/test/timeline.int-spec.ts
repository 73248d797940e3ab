import { commonV1, Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { contact, outboxEvents, publicFetch, REQUESTER, TAXONOMY } from './intake-fixtures';

const PRIMARY = 'unit-primary';
const ASSISTING = 'unit-assisting';
const at = (minute: number) => new Date(Date.UTC(2025, 0, 24, 2, minute)).toISOString();

describe('intake timeline and public lookup (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    await sut.as('city-a', ['tenant-admin'])('PUT', '/v1/categories', { categories: TAXONOMY });
  });
  afterAll(() => sut?.close());

  const agent = (...a: [string, string, unknown?]) => sut.as('city-a', ['agent'])(...a);
  const detail = async (id: string) => (await agent('GET', `/v1/requests/${id}`)).body;
  /** Waits until the request's timeline has `steps` entries. */
  const timelineOf = (id: string, steps: number) =>
    eventually(`${steps} timeline steps`, async () => {
      const body = await detail(id);
      return body.timeline.length >= steps ? body : undefined;
    });
  async function accepted(): Promise<{ id: string; brief: commonV1.RequestBrief; number: string; accessCode: string }> {
    const res = await agent('POST', '/v1/requests', contact());
    const [event] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    return { id: res.body.id, brief: event!.request!, number: res.body.number, accessCode: res.body.accessCode };
  }
  const dispatched = (brief: commonV1.RequestBrief, minute: number) => ({
    request: brief,
    assignments: [
      { unitId: PRIMARY, unitName: '玄武区住建局', role: 'primary', unitCode: 'xw-zj' },
      { unitId: ASSISTING, unitName: '玄武区街道', role: 'assisting', unitCode: 'xw-jd' },
    ],
    mode: 'catalog',
    catalogVersion: 3,
    dispatchedAt: at(minute),
    dispatchedBy: '',
  });
  const signed = (requestId: string, unitId: string, minute: number) => ({
    workOrderId: `wo-${unitId}`, requestId, unitId, signedAt: at(minute), onTime: true,
  });
  const answered = (requestId: string, unitId: string, minute: number, reworkCount = 0) => ({
    workOrderId: `wo-${unitId}`, requestId, unitId, role: unitId === PRIMARY ? 'primary' : 'assisting',
    answer: '已联系物业公司维修', basis: '', contactRecord: '电话联系', answeredAt: at(minute), onTime: true, reworkCount,
    handlingWorkingHours: 3,
  });
  const reviewed = (requestId: string, unitId: string, passed: boolean, minute: number) => ({
    reviewId: `rv-${minute}`, requestId, workOrderId: `wo-${unitId}`, unitId, passed, reasons: passed ? [] : ['答复不完整'], reviewedAt: at(minute),
  });

  it('follows the lifecycle into status and timeline, only the primary unit moving the status', async () => {
    const { id, brief } = await accepted();
    await publishEvent(sut, Events.dispatch.requestQueued, 'city-a', { request: brief, reason: 'no catalog entry', queuedAt: at(1) });
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(brief, 2));
    expect((await timelineOf(id, 3)).status).toBe('dispatched');

    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(id, ASSISTING, 3));
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, ASSISTING, 4));
    let body = await timelineOf(id, 5);
    expect(body).toMatchObject({ status: 'dispatched', primaryUnitId: PRIMARY });

    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(id, PRIMARY, 5));
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, PRIMARY, 6));
    expect((await timelineOf(id, 7)).status).toBe('answered');
    // Review fails: rework sends the request back to in-progress, then a new answer passes.
    await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(id, PRIMARY, false, 7));
    await timelineOf(id, 8); // the streams are independent: let the review land before handling's reopen
    await publishEvent(sut, Events.handling.workOrderReopened, 'city-a', {
      workOrderId: `wo-${PRIMARY}`, requestId: id, unitId: PRIMARY, reasons: ['答复不完整'], reworkCount: 1, handleDueAt: at(50), reopenedAt: at(8),
    });
    expect((await timelineOf(id, 9)).status).toBe('in-progress');
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, PRIMARY, 9, 1));
    await timelineOf(id, 10);
    await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(id, ASSISTING, true, 10));
    await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(id, PRIMARY, true, 11));
    await publishEvent(sut, Events.revisit.revisitRecorded, 'city-a', {
      revisitId: 'r1', requestId: id, method: 'phone', resolved: true, satisfaction: 'satisfied', recordedAt: at(12), unitId: PRIMARY,
    });
    await publishEvent(sut, Events.revisit.requestClosed, 'city-a', { requestId: id, closedAt: at(13), resolved: true, satisfaction: 'satisfied' });
    await publishEvent(sut, Events.revisit.requestArchived, 'city-a', {
      requestId: id, archiveId: 'a1', sequence: '1', recordHash: 'h', previousHash: '', archivedAt: at(14),
    });
    body = await timelineOf(id, 15);
    expect(body.status).toBe('archived');
    expect(body.closedAt).toBe(at(13));
    expect(body.timeline.map((t: { status: string | null }) => t.status)).toEqual([
      'registered', 'awaiting-dispatch', 'dispatched', null, null, 'in-progress', 'answered', null, 'in-progress', 'answered',
      null, 'reviewed', 'revisited', 'closed', 'archived',
    ]);
    expect(body.timeline[2]).toMatchObject({ eventType: 'hotline.dispatch.v1.RequestDispatched', at: at(2) });
    expect(JSON.stringify(body.timeline)).not.toContain('已联系物业公司维修');
  });

  it('ignores late cross-stream events that would move the status backwards', async () => {
    const { id, brief } = await accepted();
    // handling's events overtake dispatch's: the primary work order names the primary unit.
    await publishEvent(sut, Events.handling.workOrderCreated, 'city-a', {
      workOrderId: `wo-${PRIMARY}`, request: brief, unitId: PRIMARY, unitName: '玄武区住建局', role: 'primary',
      signDueAt: at(30), handleDueAt: at(59), createdAt: at(2), unitCode: 'xw-zj',
    });
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(id, PRIMARY, 3));
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, PRIMARY, 4));
    expect((await timelineOf(id, 4)).status).toBe('answered');
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(brief, 1));
    const body = await timelineOf(id, 5);
    expect(body.status).toBe('answered');
    expect(body.timeline[4]).toMatchObject({ status: null, eventType: 'hotline.dispatch.v1.RequestDispatched' });
  });

  it('ignores unknown requests and events outside the lifecycle, and applies a redelivery once', async () => {
    const { id, brief } = await accepted();
    const unknown = { ...brief, requestId: '00000000-0000-4000-8000-000000000000' };
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(unknown, 1));
    await publishEvent(sut, Events.handling.calendarChanged, 'city-a', { timeZone: 'Asia/Shanghai', extraHolidays: [], extraWorkingDays: [], changedAt: at(1) });
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', { ...signed('not-a-uuid', PRIMARY, 1) });
    const messageId = await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(brief, 2));
    await timelineOf(id, 2);
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(brief, 2), messageId);
    // Another tenant's event naming this request id changes nothing here (RLS hides the row).
    await publishEvent(sut, Events.dispatch.requestQueued, 'city-b', { request: brief, reason: 'x', queuedAt: at(3) });
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(id, PRIMARY, 4));
    const body = await timelineOf(id, 3);
    expect(body.timeline).toHaveLength(3);
    expect(body.status).toBe('in-progress');
    const [dead] = await sut.service.context.dataSource.query(`select count(*)::int as n from dead_letters`);
    expect(dead.n).toBe(0);
  });

  it('takes public submissions and answers the public lookup with status and time only', async () => {
    const submit = (body: unknown, tenant = 'city-a') => publicFetch(sut, 'POST', `/v1/public/${tenant}/requests`, {}, body);
    const bad = await submit({ requester: { name: '李四' }, title: '', content: 'x', areaCode: '320102', categoryCode: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['requester.phone', 'title']));
    expect((await submit({ requester: { name: '李四', phone: '13900001111' }, title: '路灯', content: '路灯不亮', areaCode: '320102', categoryCode: '999' })).body.errors[0].field).toBe('categoryCode');
    const badTenant = await submit({ requester: { name: '李四', phone: '13900001111' }, title: '路灯', content: '路灯不亮', areaCode: '320102' }, 'City A');
    expect(badTenant.body.errors.map((e: { field: string }) => e.field)).toEqual(['path.tenant']);

    const res = await submit({ requester: { name: '李四', phone: '13900001111' }, title: '路灯', content: '中山路路灯不亮', areaCode: '320102' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['accessCode', 'number', 'status']);
    expect(res.body.status).toBe('registered');
    const list = await agent('GET', '/v1/requests?status=registered&limit=200');
    const created = list.body.items.find((r: { number: string }) => r.number === res.body.number);
    expect(created).toMatchObject({ channel: 'web', urgency: 'normal', requestType: 'consultation', categoryCode: null, createdBy: 'public' });
    const [event] = await outboxEvents(sut, Events.intake.requestAccepted, created.id);
    expect(event?.request).toMatchObject({ categoryCode: '', channel: 'web', requesterMaskedName: '李*', requesterMaskedPhone: '139****1111' });

    await publishEvent(sut, Events.dispatch.requestQueued, 'city-a', { request: event!.request, reason: 'no category', queuedAt: at(5) });
    await timelineOf(created.id, 2);
    const lookup = await publicFetch(sut, 'GET', `/v1/public/city-a/requests/${res.body.number}?code=${res.body.accessCode}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual({
      number: res.body.number,
      status: 'awaiting-dispatch',
      receivedAt: expect.any(String),
      timeline: [{ status: 'registered', at: expect.any(String) }, { status: 'awaiting-dispatch', at: at(5) }],
    });
    for (const secret of ['李四', '13900001111', '中山路', '路灯']) expect(lookup.text).not.toContain(secret);

    const wrongCode = String((Number(res.body.accessCode) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await publicFetch(sut, 'GET', `/v1/public/city-a/requests/${res.body.number}?code=${wrongCode}`);
    const unknown = await publicFetch(sut, 'GET', `/v1/public/city-a/requests/a-20000101-000001?code=${res.body.accessCode}`);
    const otherTenant = await publicFetch(sut, 'GET', `/v1/public/city-b/requests/${res.body.number}?code=${res.body.accessCode}`);
    for (const r of [wrong, unknown, otherTenant]) {
      expect(r.status).toBe(404);
      const { instance: _instance, ...problem } = r.body;
      expect(problem).toEqual({ type: 'https://hotline.dev/problems/not_found', title: 'Not found', status: 404, code: 'not_found', detail: 'request not found' });
    }
    expect((await publicFetch(sut, 'GET', `/v1/public/city-a/requests/${res.body.number}?code=12`)).status).toBe(400);
  });

  it('shows a request closed at intake to the public as registered then closed', async () => {
    const res = await agent('POST', '/v1/requests', contact({ scope: { decision: 'direct-answer', answer: '请拨打供电热线95598' } }));
    const lookup = await publicFetch(sut, 'GET', `/v1/public/city-a/requests/${res.body.number}?code=${res.body.accessCode}`);
    expect(lookup.body.timeline.map((t: { status: string }) => t.status)).toEqual(['registered', 'closed']);
    expect(lookup.text).not.toContain(REQUESTER.name);
  });
});
