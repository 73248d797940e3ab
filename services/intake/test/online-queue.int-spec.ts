import { Events } from '@hotline/contracts';
import { renderNotification } from '@hotline/platform';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { configureTenant, contact, outboxEvents, publicFetch } from './intake-fixtures';

// The online queue (ADR 0034) on the real intake: an online submission waits for an agent's
// scope decision within the tenant's response limit, with a warning before it, its submitter is
// acknowledged with number and 提取码, and the tenant's 保密 default and 涉企 flag travel with it.
describe('intake online queue (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const T = 'city-oq';
  const agent = () => sut.as(T, ['agent']);
  const supervisor = () => sut.as(T, ['supervisor']);
  const admin = () => sut.as(T, ['tenant-admin']);
  const submit = (body: Record<string, unknown>) =>
    publicFetch(sut, 'POST', `/v1/public/${T}/requests`, {}, { title: '路灯不亮', content: '中山路路灯连续三晚不亮', areaCode: '320102', ...body });
  const queueItem = async (number: string, state = 'open') =>
    ((await agent()('GET', `/v1/online-queue?state=${state}&limit=200`)).body.items as Array<Record<string, unknown>>).find((i) => i.number === number);
  const inScope = { requestType: 'complaint', urgency: 'normal', categoryCode: '010101', scope: { decision: 'in-scope' } };

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    await configureTenant(sut, T);
  });
  afterAll(() => sut?.close());

  it('takes a tenant policy with a warning before its limit, refusing one that is not', async () => {
    expect((await agent()('GET', '/v1/intake-policy')).body).toEqual({
      onlineResponseSeconds: 180,
      onlineWarningSeconds: 120,
      confidentialTypes: ['report'],
      source: 'default',
      updatedAt: null,
      updatedBy: null,
    });
    const bad = await admin()('PUT', '/v1/intake-policy', { onlineResponseSeconds: 60, onlineWarningSeconds: 60, confidentialTypes: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['onlineWarningSeconds']);
    expect((await admin()('PUT', '/v1/intake-policy', { onlineResponseSeconds: 5, onlineWarningSeconds: 2, confidentialTypes: [] })).status).toBe(400);
    expect((await agent()('PUT', '/v1/intake-policy', { onlineResponseSeconds: 60, onlineWarningSeconds: 30, confidentialTypes: [] })).status).toBe(403);
    // Short enough for a test to see the warning and the breach.
    const saved = await admin()('PUT', '/v1/intake-policy', { onlineResponseSeconds: 10, onlineWarningSeconds: 5, confidentialTypes: ['report'] });
    expect(saved).toMatchObject({ status: 200, body: { onlineResponseSeconds: 10, onlineWarningSeconds: 5, source: 'tenant' } });
  });

  it('keeps a submission waiting for the agent, warns before its limit and marks the breach, then takes the decision once', async () => {
    const res = await submit({ requester: { name: '李四', phone: '13900001111' }, requestType: 'consultation', categoryCode: '010101' });
    expect(res.status).toBe(201);
    const waiting = await queueItem(res.body.number);
    expect(waiting).toMatchObject({ state: 'waiting', requester: { name: '李*', phone: '139****1111' }, categoryCode: '010101', warnedAt: null, decidedAt: null });
    const requestId = waiting!.requestId as string;
    expect(await outboxEvents(sut, Events.intake.requestAccepted, requestId)).toEqual([]);

    // Acknowledged with number and 提取码; the code is masked wherever staff see the notice.
    const [notice] = await eventually('acknowledged', async () => {
      const body = (await supervisor()('GET', `/v1/notifications?template=online-submission-received&requestId=${requestId}`)).body;
      return body.items?.length === 1 && body.items[0].status === 'delivered' ? body.items : undefined;
    });
    expect(notice).toMatchObject({ recipient: '139****1111', channel: 'sms', params: { requestNumber: res.body.number, accessCode: '********' } });
    expect(JSON.stringify(notice)).not.toContain(res.body.accessCode);
    expect(renderNotification('online-submission-received', { ...notice.params, accessCode: res.body.accessCode }, 'Asia/Shanghai')).toContain(`提取码${res.body.accessCode}`);

    // The clock: the warning, then the breach, recorded by durable timers while it waits.
    const warned = await eventually('the warning', async () => {
      const item = await queueItem(res.body.number);
      return item?.warnedAt ? item : undefined;
    }, 20_000);
    expect(warned.state).toMatch(/warning|overdue/);
    const overdue = await eventually('the breach', async () => {
      const item = await queueItem(res.body.number, 'overdue');
      return item?.overdueAt ? item : undefined;
    }, 20_000);
    expect(overdue.secondsLeft).toBeLessThanOrEqual(0);

    // A bad decision names its field and writes nothing.
    const bad = await agent()('POST', `/v1/online-queue/${requestId}/decision`, { ...inScope, categoryCode: '999999' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['categoryCode']);
    const unanswered = await agent()('POST', `/v1/online-queue/${requestId}/decision`, { ...inScope, scope: { decision: 'direct-answer' } });
    expect(unanswered.body.errors.map((e: { field: string }) => e.field)).toEqual(['scope.answer']);
    expect(await queueItem(res.body.number)).toMatchObject({ decidedAt: null });

    const answered = await agent()('POST', `/v1/online-queue/${requestId}/decision`, {
      requestType: 'consultation',
      urgency: 'normal',
      categoryCode: '010101',
      scope: { decision: 'direct-answer', answer: '路灯维修请拨打市政服务热线，已为您转告。' },
    });
    expect(answered).toMatchObject({ status: 200, body: { status: 'closed', scope: { decision: 'direct-answer' } } });
    const [closed] = await outboxEvents(sut, Events.intake.requestClosedAtIntake, requestId);
    expect(closed).toMatchObject({ outcome: 'direct-answer' });
    expect(await outboxEvents(sut, Events.intake.requestAccepted, requestId)).toEqual([]);
    const again = await agent()('POST', `/v1/online-queue/${requestId}/decision`, inScope);
    expect(again).toMatchObject({ status: 409, body: { code: 'already_decided' } });
    expect(await queueItem(res.body.number, 'decided')).toMatchObject({ state: 'decided', decision: 'direct-answer', decidedBy: expect.any(String) });
  }, 60_000);

  it('dispatches a submission taken in scope in time, 保密 by default for a 举报 and marked 涉企, and counts the response figures', async () => {
    const report = await submit({ requester: { name: '王五', phone: '13700002222' }, requestType: 'report', enterpriseRelated: true, content: '某企业夜间偷排废水' });
    expect(report.status).toBe(201);
    const item = await queueItem(report.body.number);
    // The reporter's identity is kept from everyone but the audited reads.
    expect(item).toMatchObject({ enterpriseRelated: true, requester: { confidential: true, name: '', phone: '' } });
    const requestId = item!.requestId as string;
    const decided = await agent()('POST', `/v1/online-queue/${requestId}/decision`, { ...inScope, requestType: 'report' });
    expect(decided).toMatchObject({ status: 200, body: { confidential: true, enterpriseRelated: true, scope: { decision: 'in-scope' } } });
    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, requestId);
    expect(accepted?.request).toMatchObject({ requestType: 'report', confidential: true, enterpriseRelated: true, requesterMaskedName: '', requesterMaskedPhone: '' });

    // The response figures of the day: one decided in time, one breached and decided late.
    const stats = await supervisor()('GET', '/v1/online-queue/stats');
    expect(stats.body).toMatchObject({ submitted: 2, decided: 2, decidedInTime: 1, overdue: 1, open: 0, inTimeRate: 0.5, inTimeDenominator: 2 });
  });

  it("applies the tenant's 保密 default to a phone contact unless the agent says otherwise", async () => {
    const unsaid = await agent()('POST', '/v1/requests', contact({ requestType: 'report' }));
    expect(unsaid).toMatchObject({ status: 201, body: { confidential: true, requester: { confidential: true, name: '' } } });
    const said = await agent()('POST', '/v1/requests', contact({ requestType: 'report', requester: { name: '张三丰', phone: '13812345678', confidential: false } }));
    expect(said).toMatchObject({ status: 201, body: { confidential: false, requester: { name: '张**' } } });
    const complaint = await agent()('POST', '/v1/requests', contact({ enterpriseRelated: true }));
    expect(complaint).toMatchObject({ status: 201, body: { confidential: false, enterpriseRelated: true } });
  });
});
