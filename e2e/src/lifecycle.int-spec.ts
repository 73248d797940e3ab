import { computeDue, createWorkingCalendar, localDateOf } from '@hotline/calendar';
import { eventually } from '@hotline/testing';
import { DEFAULT_COUNTING } from '@hotline/vocabulary';
import { LocalPlatform } from './support/platform';

// The whole life of requests across the five real services, started by the README's start
// command on its own databases and stream namespace, driven only through the public APIs.
describe('request lifecycle end to end', () => {
  let p: LocalPlatform;
  let tokens: Record<string, Record<string, string>>;
  const A = 'city-3201';
  const B = 'city-3202';
  const as = (tenant: string, role: string) => tokens[tenant]![role]!;
  const created: Record<string, number> = {};

  beforeAll(async () => {
    p = await LocalPlatform.start();
    tokens = p.tokens();
    // The demo tenants revisit a 30 % sample by default; this suite revisits every request it
    // drives (sampling itself is tested in revisit-redo.int-spec.ts and the revisit service).
    for (const tenant of [A, B])
      expect((await p.api('revisit', 'PUT', '/v1/sampling-policies/*', tokens[tenant]!['tenant-admin'], { samplePercent: 100, windowHours: 72 })).status).toBe(200);
  }, 180_000);

  afterAll(() => p?.destroy(), 60_000);

  /** An online submission an agent takes in scope from the online queue. */
  async function submitOnline(tenant: string, body: Record<string, unknown>) {
    const res = await p.submitOnlineInScope(tenant, as(tenant, 'agent'), {
      requester: { name: '张三丰', phone: '13812345678' },
      title: '小区电梯停运',
      content: '3 号楼电梯停运三天，物业未处理。',
      areaCode: '320104',
      requestType: 'complaint',
      ...body,
    });
    created[tenant] = (created[tenant] ?? 0) + 1;
    return { id: res.requestId, number: res.body.number as string, accessCode: res.body.accessCode as string };
  }

  /** A phone contact as an agent enters it: these defaults, overridden by `body`. */
  const agentContact = (tenant: string, body: Record<string, unknown>) =>
    p.api('intake', 'POST', '/v1/requests', as(tenant, 'agent'), {
      channel: 'phone',
      requester: { name: '李四', phone: '13900001111' },
      title: '咨询',
      content: '咨询事项',
      areaCode: '320104',
      requestType: 'consultation',
      urgency: 'normal',
      categoryCode: '080101',
      scope: { decision: 'in-scope' },
      ...body,
    });

  async function enterByAgent(tenant: string, body: Record<string, unknown>) {
    const res = await agentContact(tenant, body);
    expect(res.status).toBe(201);
    created[tenant] = (created[tenant] ?? 0) + 1;
    return res.body as { id: string; number: string; accessCode: string; status: string };
  }

  const workOrders = async (tenant: string, requestId: string, count = 1) =>
    eventually(`${count} work order(s) for ${requestId}`, async () => {
      const res = await p.api('handling', 'GET', `/v1/work-orders?requestId=${requestId}`, as(tenant, 'supervisor'));
      return res.body.items.length === count ? (res.body.items as Array<Record<string, string & number>>) : undefined;
    });

  async function signAndAnswer(tenant: string, order: { id: string; unitCode: string }, answer = '已协调物业完成维修。') {
    const operator = as(tenant, `unit-operator:${order.unitCode}`);
    const signed = await p.api('handling', 'POST', `/v1/work-orders/${order.id}/sign`, operator);
    if (signed.status !== 200 && signed.status !== 201) expect(signed.status).toBe(409); // already signed in a rework round
    const answered = await p.api('handling', 'POST', `/v1/work-orders/${order.id}/answer`, operator, {
      answer,
      basis: '《物业管理条例》第三十五条',
      contactRecord: '电话联系诉求人，已告知处理结果',
    });
    expect([200, 201]).toContain(answered.status);
  }

  const pendingReview = (tenant: string, workOrderId: string) =>
    eventually(`a pending review of ${workOrderId}`, async () => {
      const res = await p.api('revisit', 'GET', '/v1/reviews?status=pending&limit=200', as(tenant, 'reviewer'));
      return res.body.items.find((r: { workOrderId: string }) => r.workOrderId === workOrderId) as { id: string } | undefined;
    });

  const requestStatus = async (tenant: string, id: string) =>
    (await p.api('intake', 'GET', `/v1/requests/${id}`, as(tenant, 'agent'))).body.status as string;

  it('takes an online complaint from submission to archive, through every state, with the right deadlines', async () => {
    const request = await submitOnline(A, { categoryCode: '030601' }); // 物业管理 → housing, assisting district
    const orders = await workOrders(A, request.id, 2);
    const primary = orders.find((o) => o.role === 'primary')!;
    expect(primary.unitCode).toBe('housing');
    expect(orders.find((o) => o.role === 'assisting')!.unitCode).toBe('district');

    // complaint × normal: sign-for 1 working day, handling 15 working days, counted from the next
    // day (the national defaults, with the one default counting), from the dispatch.
    const calendar = createWorkingCalendar({ timeZone: 'Asia/Shanghai' });
    const created = new Date(primary.createdAt);
    expect(DEFAULT_COUNTING).toBe('from-next-day');
    expect(primary.signDueAt).toBe(computeDue(calendar, created, { unit: 'working-days', amount: 1 }).toISOString());
    expect(primary.handleDueAt).toBe(computeDue(calendar, created, { unit: 'working-days', amount: 15 }).toISOString());
    // /v1/deadlines/compute without a counting gives what the work order got.
    const computed = await p.api('handling', 'POST', '/v1/deadlines/compute', as(A, 'agent'), {
      startAt: primary.createdAt, unit: 'working-days', amount: 1,
    });
    expect(computed.body.dueAt).toBe(primary.signDueAt);

    // 协办 first: the district gives its input into the lead's order, which answers with it (ADR 0026).
    const assisting = orders.find((o) => o.role === 'assisting')!;
    await signAndAnswer(A, assisting as never, '街道已配合现场核查。');
    await signAndAnswer(A, primary as never);
    const review = await pendingReview(A, primary.id) as unknown as { id: string; assistInputs: Array<{ workOrderId: string; answer: string }> };
    expect(review.assistInputs).toEqual([expect.objectContaining({ workOrderId: assisting.id, answer: '街道已配合现场核查。' })]);
    expect((await p.api('revisit', 'POST', `/v1/reviews/${review.id}/decision`, as(A, 'reviewer'), { passed: true })).status).toBe(200);
    await eventually('awaiting revisit', async () => (await requestStatus(A, request.id)) === 'reviewed');
    const revisit = await p.api('revisit', 'POST', '/v1/revisits', as(A, 'agent'), {
      requestId: request.id,
      method: 'phone',
      resolved: true,
      satisfaction: 'satisfied',
    });
    expect(revisit.status).toBe(201);

    const lookup = await eventually('archived in the public lookup', async () => {
      const res = await p.api('intake', 'GET', `/v1/public/${A}/requests/${request.number}?code=${request.accessCode}`);
      return res.body?.status === 'archived' ? res : undefined;
    });
    expect(lookup.body.timeline.map((t: { status: string }) => t.status)).toEqual([
      'registered', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited', 'closed', 'archived',
    ]);
    expect(lookup.text).not.toMatch(/13812345678|张三丰|电梯/);
    const wrongCode = await p.api('intake', 'GET', `/v1/public/${A}/requests/${request.number}?code=000000`);
    expect(wrongCode.status).toBe(404);
    const verify = await p.api('revisit', 'GET', '/v1/archive/verify', as(A, 'supervisor'));
    expect(verify.body).toMatchObject({ intact: true });
  });

  it('computes deadlines across a tenant holiday and on 24×7 minute clocks by urgency', async () => {
    const calendarNow = createWorkingCalendar({ timeZone: 'Asia/Shanghai' });
    const holiday = calendarNow.nextWorkingDay(localDateOf(new Date(), 'Asia/Shanghai'));
    expect((await p.api('handling', 'PUT', '/v1/calendar', as(B, 'tenant-admin'), { extraHolidays: [holiday] })).status).toBe(200);
    const consultation = await enterByAgent(B, { areaCode: '320213', requestType: 'consultation', categoryCode: '080101' });
    const [order] = await workOrders(B, consultation.id);
    const withHoliday = createWorkingCalendar({ timeZone: 'Asia/Shanghai', extraHolidays: [holiday] });
    const rule = { unit: 'working-days', amount: 2 } as const;
    const created = new Date(order!.createdAt);
    expect(order!.handleDueAt).toBe(computeDue(withHoliday, created, rule).toISOString());
    expect(order!.handleDueAt).not.toBe(computeDue(calendarNow, created, rule).toISOString());

    const urgent = await enterByAgent(B, { areaCode: '320213', requestType: 'help', urgency: 'urgent', categoryCode: '080101' });
    const [urgentOrder] = await workOrders(B, urgent.id);
    const start = new Date(urgentOrder!.createdAt).getTime();
    expect(new Date(urgentOrder!.signDueAt).getTime() - start).toBe(30 * 60_000);
    expect(new Date(urgentOrder!.handleDueAt).getTime() - start).toBe(1440 * 60_000);
  });

  it('records an out-of-scope request and never dispatches it; closes a direct answer at intake; archives both', async () => {
    const outOfScope = await enterByAgent(A, { scope: { decision: 'legal-route', reason: '属于劳动仲裁事项，已告知申请仲裁' } });
    const direct = await enterByAgent(A, { scope: { decision: 'direct-answer', answer: '社保卡补办可在政务服务网办理' } });
    expect(outOfScope.status).toBe('not-accepted');
    expect(direct.status).toBe('closed');
    // A later in-scope request of the same category is dispatched: the pipeline has run past both.
    const later = await enterByAgent(A, {});
    await workOrders(A, later.id);
    for (const id of [outOfScope.id, direct.id]) {
      expect((await p.api('dispatch', 'GET', `/v1/dispatches/${id}`, as(A, 'dispatcher'))).status).toBe(404);
      const orders = await p.api('handling', 'GET', `/v1/work-orders?requestId=${id}`, as(A, 'supervisor'));
      expect(orders.body.items).toEqual([]);
    }
    // Every closed request is archived, those closed at intake too, with what happened.
    for (const id of [outOfScope.id, direct.id])
      await eventually(`${id} archived`, async () => (await requestStatus(A, id)) === 'archived');
    const archive = await p.api('revisit', 'GET', '/v1/archive?limit=200', as(A, 'supervisor'));
    const recordOf = (id: string) => archive.body.items.find((a: { requestId: string }) => a.requestId === id)?.record;
    expect(recordOf(direct.id)).toMatchObject({
      request: { number: direct.number, content: '咨询事项', channel: 'phone' },
      dispatches: [],
      workOrders: [],
      revisit: null,
      closure: { outcome: 'direct-answer', detail: '社保卡补办可在政务服务网办理' },
    });
    expect(recordOf(outOfScope.id)).toMatchObject({ closure: { outcome: 'legal-route', detail: '属于劳动仲裁事项，已告知申请仲裁' } });
    expect(JSON.stringify(archive.body)).not.toMatch(/13900001111|李四/);
    expect((await p.api('revisit', 'GET', '/v1/archive/verify', as(A, 'supervisor'))).body).toMatchObject({ intact: true });
  });

  it('returns an answer that fails review to its unit as rework', async () => {
    const request = await enterByAgent(A, {});
    const [order] = await workOrders(A, request.id);
    await signAndAnswer(A, order as never, '已处理。');
    const review = await pendingReview(A, order!.id);
    const failed = await p.api('revisit', 'POST', `/v1/reviews/${review.id}/decision`, as(A, 'reviewer'), {
      passed: false,
      reasons: ['未说明政策依据和办理过程'],
    });
    expect(failed.status).toBe(200);
    const reopened = await eventually('the order back with its unit', async () => {
      const res = await p.api('handling', 'GET', `/v1/work-orders/${order!.id}`, as(A, 'supervisor'));
      return res.body.status === 'in-progress' ? res.body : undefined;
    });
    expect(reopened.reworkCount).toBe(1);
    await eventually('intake back to in-progress', async () => (await requestStatus(A, request.id)) === 'in-progress');
    await signAndAnswer(A, order as never, '经核查，依据《社会保险法》已为诉求人办理补缴。');
    const second = await pendingReview(A, order!.id);
    expect(second.id).not.toBe(review.id);
  });

  it('keeps an uncatalogued request waiting for manual dispatch until a dispatcher assigns it', async () => {
    const request = await enterByAgent(A, { categoryCode: '130101', requestType: 'suggestion' }); // 政风行风: no catalog entry
    const queued = await eventually('the manual-dispatch queue', async () => {
      const res = await p.api('dispatch', 'GET', '/v1/dispatch-queue?limit=200', as(A, 'dispatcher'));
      return res.body.items.find((i: { requestId: string }) => i.requestId === request.id);
    });
    expect(queued.reason).toContain('130101');
    await eventually('awaiting-dispatch at intake', async () => (await requestStatus(A, request.id)) === 'awaiting-dispatch');
    const units = await p.api('dispatch', 'GET', '/v1/units', as(A, 'dispatcher'));
    const cityGov = units.body.items.find((u: { code: string }) => u.code === 'city-gov');
    const assigned = await p.api('dispatch', 'POST', `/v1/dispatch-queue/${request.id}/assign`, as(A, 'dispatcher'), {
      primaryUnitId: cityGov.id,
    });
    expect(assigned.status).toBe(200);
    const [order] = await workOrders(A, request.id);
    expect(order!.unitCode).toBe('city-gov');
  });

  it('reports rates equal to what this suite computes from its own requests', async () => {
    // Tenant B: two consultations answered on time by hrss, one revisited as unresolved.
    const mine = [await enterByAgent(B, { areaCode: '320214' }), await enterByAgent(B, { areaCode: '320214' })];
    for (const r of mine) {
      const [order] = await workOrders(B, r.id);
      await signAndAnswer(B, order as never);
      const review = await pendingReview(B, order!.id);
      await p.api('revisit', 'POST', `/v1/reviews/${review.id}/decision`, as(B, 'reviewer'), { passed: true });
    }
    for (const [i, r] of mine.entries()) {
      await eventually('reviewed', async () => (await requestStatus(B, r.id)) === 'reviewed');
      await p.api('revisit', 'POST', '/v1/revisits', as(B, 'agent'), {
        requestId: r.id,
        method: 'phone',
        resolved: i === 0,
        satisfaction: i === 0 ? 'satisfied' : 'dissatisfied',
      });
    }
    // B's work orders: the two above, plus the two from the deadline test (signed: none).
    const rows = await eventually('analytics caught up', async () => {
      const res = await p.api('analytics', 'GET', '/v1/metrics/rates?groupBy=unit', as(B, 'supervisor'));
      const hrss = res.body.items.find((row: { label: string }) => row.label.includes('人力资源'));
      return hrss?.revisits === 2 && hrss.workOrders === 4 ? hrss : undefined;
    });
    // The two orders of the deadline test are still inside their sign-for and handling windows:
    // neither signed nor late, they are in no denominator yet (a new order is no miss).
    expect(rows).toMatchObject({
      workOrders: 4,
      signed: 2,
      signedOnTime: 2,
      unsignedPastDue: 0,
      responseDenominator: 2,
      responseRate: 1,
      answered: 2,
      answeredOnTime: 2,
      unansweredPastDue: 0,
      onTimeAnswerDenominator: 2,
      onTimeAnswerRate: 1,
      revisits: 2,
      resolved: 1,
      resolutionRate: 0.5,
      satisfiedOrBasicallySatisfied: 1,
      satisfactionRate: 0.5,
    });
  });

  async function passReviewOf(tenant: string, workOrderId: string) {
    const review = await pendingReview(tenant, workOrderId);
    expect((await p.api('revisit', 'POST', `/v1/reviews/${review.id}/decision`, as(tenant, 'reviewer'), { passed: true })).status).toBe(200);
  }

  it("closes a co-handled request only when every order is finished: the lead waits for the input, the hotline releases a unit that gives none", async () => {
    const request = await submitOnline(A, { categoryCode: '030602' }); // 物业管理: housing 主办, district 协办
    const orders = await workOrders(A, request.id, 2);
    const primary = orders.find((o) => o.role === 'primary')!;
    const assisting = orders.find((o) => o.role === 'assisting')!;
    const housing = as(A, 'unit-operator:housing');
    await p.api('handling', 'POST', `/v1/work-orders/${primary.id}/sign`, housing);
    const body = { answer: '已督促物业修复。', basis: '《物业管理条例》第三十五条', contactRecord: '电话联系诉求人' };
    const early = await p.api('handling', 'POST', `/v1/work-orders/${primary.id}/answer`, housing, body);
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain(assisting.unitName);
    // The district never answers: the dispatcher releases it, with who and why on the order.
    const released = await p.api('handling', 'POST', `/v1/work-orders/${assisting.id}/release`, as(A, 'dispatcher'), { note: '区里逾期未反馈' });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'cancelled', cancelReason: 'released', signedAt: null });
    expect((await p.api('handling', 'POST', `/v1/work-orders/${assisting.id}/sign`, as(A, 'unit-operator:district'))).status).toBe(409);
    expect((await p.api('handling', 'POST', `/v1/work-orders/${primary.id}/answer`, housing, body)).status).toBe(200);
    await passReviewOf(A, primary.id);
    await eventually('reviewed', async () => (await requestStatus(A, request.id)) === 'reviewed');
    const revisit = await p.api('revisit', 'POST', '/v1/revisits', as(A, 'agent'), {
      requestId: request.id, method: 'phone', resolved: true, satisfaction: 'satisfied',
    });
    expect(revisit.status).toBe(201);
    await eventually('archived', async () => (await requestStatus(A, request.id)) === 'archived');
    // Released inside its sign-for window: the district unit is not counted as having missed it.
    const district = await eventually('analytics saw the cancellation', async () => {
      const res = await p.api('analytics', 'GET', '/v1/metrics/rates?groupBy=unit', as(A, 'supervisor'));
      const row = res.body.items.find((r: { key: string }) => r.key === assisting.unitId);
      return row?.cancelled >= 1 ? row : undefined;
    });
    expect(district.unsignedPastDue).toBe(0);
  });

  it('lets a reviewer read the request and the work order under review, identity masked', async () => {
    const request = await enterByAgent(A, {});
    const [order] = await workOrders(A, request.id);
    await signAndAnswer(A, order as never);
    await pendingReview(A, order!.id);
    const seen = await p.api('intake', 'GET', `/v1/requests/${request.id}`, as(A, 'reviewer'));
    expect(seen.status).toBe(200);
    expect(seen.body.requester).toMatchObject({ name: '李*', phone: '139****1111' });
    expect(seen.text).not.toMatch(/13900001111|李四/);
    const workOrder = await p.api('handling', 'GET', `/v1/work-orders/${order!.id}`, as(A, 'reviewer'));
    expect(workOrder.status).toBe(200);
    expect(workOrder.body.answer).toBeTruthy();
    expect((await p.api('intake', 'GET', `/v1/requests/${request.id}/requester`, as(A, 'reviewer'))).status).toBe(403);
  });

  it('takes an anonymous request to closure with its revisit skipped for want of a contact, and archives it', async () => {
    const request = await enterByAgent(A, { requester: { anonymous: true } });
    expect(request).toMatchObject({ requester: { anonymous: true } });
    const [order] = await workOrders(A, request.id);
    await signAndAnswer(A, order as never);
    await passReviewOf(A, order!.id);
    await eventually('archived', async () => (await requestStatus(A, request.id)) === 'archived');
    const view = await p.api('intake', 'GET', `/v1/requests/${request.id}`, as(A, 'agent'));
    expect(view.body.timeline.filter((t: { status: string | null }) => t.status).map((t: { status: string }) => t.status)).toEqual([
      'registered', 'dispatched', 'in-progress', 'answered', 'reviewed', 'closed', 'archived',
    ]);
    const revisit = await p.api('revisit', 'POST', '/v1/revisits', as(A, 'agent'), {
      requestId: request.id, method: 'phone', resolved: true, satisfaction: 'satisfied',
    });
    expect(revisit.status).toBe(409);
    const archive = await p.api('revisit', 'GET', '/v1/archive?limit=200', as(A, 'supervisor'));
    const record = archive.body.items.find((a: { requestId: string }) => a.requestId === request.id).record;
    expect(record).toMatchObject({ revisit: { outcome: 'skipped', reason: 'anonymous-requester' }, closure: { outcome: 'skipped' } });
    expect(record.workOrders[0].answers[0]).toMatchObject({ answer: '已协调物业完成维修。', review: { status: 'passed' } });
  });

  it('dispatches a request from a street by its district’s catalog entry, and refuses an unknown channel', async () => {
    // 0307 (街面秩序) in district 320102 → the district government; 320102003 is a street of it.
    const street = await enterByAgent(A, { categoryCode: '030701', areaCode: '320102003', requestType: 'complaint' });
    const [order] = await workOrders(A, street.id);
    expect(order!.unitCode).toBe('district');
    const pigeon = await agentContact(A, { channel: 'carrier-pigeon' });
    expect(pigeon.status).toBe(400);
    expect(pigeon.body.errors.map((e: { field: string }) => e.field)).toContain('channel');
  });

  it('shows tenant B none of tenant A’s requests through any API', async () => {
    const a = await submitOnline(A, { categoryCode: '040201', title: '噪声扰民', content: '夜间施工噪声' });
    const [order] = await workOrders(A, a.id);
    expect((await p.api('intake', 'GET', `/v1/requests/${a.id}`, as(B, 'agent'))).status).toBe(404);
    const list = await p.api('intake', 'GET', '/v1/requests?limit=200', as(B, 'agent'));
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(a.id);
    expect((await p.api('intake', 'GET', `/v1/public/${B}/requests/${a.number}?code=${a.accessCode}`)).status).toBe(404);
    expect((await p.api('handling', 'GET', `/v1/work-orders/${order!.id}`, as(B, 'supervisor'))).status).toBe(404);
    expect((await p.api('dispatch', 'GET', `/v1/dispatches/${a.id}`, as(B, 'dispatcher'))).status).toBe(404);
    const reviews = await p.api('revisit', 'GET', '/v1/reviews?limit=200', as(B, 'reviewer'));
    expect(reviews.body.items.map((r: { requestId: string }) => r.requestId)).not.toContain(a.id);
    // Each tenant's analytics count exactly the requests this suite made for it.
    for (const tenant of [A, B])
      await eventually(`${tenant}'s stage counts`, async () => {
        const statuses = await p.api('analytics', 'GET', '/v1/metrics/statuses', as(tenant, 'supervisor'));
        return statuses.body.total === created[tenant];
      });
  });
});
