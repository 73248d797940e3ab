import { computeDue, createWorkingCalendar } from '@hotline/calendar';
import { eventually } from '@hotline/testing';
import { LocalPlatform } from './support/platform';

// Revisit by the rules across the five real services (issue 13), driven through the public APIs:
// a dissatisfied, reasonable complaint sent back for 重办 and closed on its second evaluation,
// which is the one the rates count; an unreasonable one closed with that judgement; a request
// the tenant's sampling leaves out closed and archived without a revisit.
describe('revisit, 重办 and closure end to end', () => {
  let p: LocalPlatform;
  let tokens: Record<string, Record<string, string>>;
  const A = 'city-3201';
  const as = (role: string) => tokens[A]![role]!;

  beforeAll(async () => {
    // launch + wait (not start(): its 150 s bound is tight on a loaded machine); on a timeout the
    // start command's output says where it stood, and afterAll removes what was created.
    p = LocalPlatform.launch();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`platform not ready in 580 s:\n${p.output}`)), 580_000);
    });
    await Promise.race([p.waitForOutput(/\[start\] platform ready/), late]).finally(() => clearTimeout(timer));
    tokens = p.tokens();
  }, 600_000);

  afterAll(() => p?.destroy(), 60_000);

  /** An agent-entered complaint, catalogued to a single unit by its category (08 → hrss, 04 → env). */
  async function enter(body: Record<string, unknown>) {
    const res = await p.api('intake', 'POST', '/v1/requests', as('agent'), {
      channel: 'phone',
      requester: { name: '李四', phone: '13900001111' },
      title: '社保补缴未到账',
      content: '三个月前补缴的社保至今未到账',
      areaCode: '320104',
      requestType: 'complaint',
      urgency: 'normal',
      categoryCode: '080101',
      scope: { decision: 'in-scope' },
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  const primaryOrder = (requestId: string, accept: (o: Record<string, unknown>) => boolean = () => true) =>
    eventually(`the primary order of ${requestId}`, async () => {
      const res = await p.api('handling', 'GET', `/v1/work-orders?requestId=${requestId}`, as('supervisor'));
      const order = (res.body.items as Array<Record<string, unknown>>).find((o) => o.role === 'primary');
      return order && accept(order) ? (order as Record<string, string & number>) : undefined;
    });

  async function answerAndPass(order: { id: string; unitCode: string }, reworkCount: number, answer: string) {
    const operator = as(`unit-operator:${order.unitCode}`);
    const signed = await p.api('handling', 'POST', `/v1/work-orders/${order.id}/sign`, operator);
    if (signed.status >= 300) expect(signed.status).toBe(409); // signed already in the first round
    const answered = await p.api('handling', 'POST', `/v1/work-orders/${order.id}/answer`, operator, {
      answer, basis: '《社会保险法》第六十三条', contactRecord: '电话联系诉求人，告知办理结果',
    });
    expect([200, 201]).toContain(answered.status);
    const review = await eventually(`the review of ${order.id}#${reworkCount}`, async () => {
      const res = await p.api('revisit', 'GET', '/v1/reviews?status=pending&limit=200', as('reviewer'));
      return (res.body.items as Array<{ id: string; workOrderId: string; reworkCount: number }>).find(
        (r) => r.workOrderId === order.id && r.reworkCount === reworkCount,
      );
    });
    expect((await p.api('revisit', 'POST', `/v1/reviews/${review.id}/decision`, as('reviewer'), { passed: true })).status).toBe(200);
  }

  const awaitingRevisit = (requestId: string) =>
    eventually(`${requestId} awaiting its revisit`, async () => {
      const res = await p.api('revisit', 'GET', '/v1/revisits/pending?limit=200', as('agent'));
      return (res.body.items as Array<{ requestId: string }>).some((r) => r.requestId === requestId) || undefined;
    });

  const archiveRecordOf = async (requestId: string) => {
    const res = await p.api('revisit', 'GET', '/v1/archive?limit=200', as('supervisor'));
    return (res.body.items as Array<{ requestId: string; record: Record<string, never> }>).find((a) => a.requestId === requestId)?.record;
  };

  const statusOf = async (requestId: string) => (await p.api('intake', 'GET', `/v1/requests/${requestId}`, as('agent'))).body.status as string;

  it('reopens a dissatisfied, reasonable complaint with a new limit and closes it on the second evaluation, the one the rates count', async () => {
    const request = await enter({});
    const order = await primaryOrder(request.id);
    expect(order.unitCode).toBe('hrss');
    await answerAndPass(order as never, 0, '已转交社保经办机构核查。');
    await awaitingRevisit(request.id);

    const first = await p.api('revisit', 'POST', '/v1/revisits', as('agent'), {
      requestId: request.id, method: 'phone', resolution: 'unresolved', satisfaction: 'dissatisfied', respondent: 'requester',
    });
    expect(first.status).toBe(201);
    expect(first.body.archive).toBeNull(); // 不满意 and 未解决 do not close it
    const judged = await p.api('revisit', 'POST', `/v1/revisits/${request.id}/judgement`, as('reviewer'), {
      reasonable: true, note: '补缴款项仍未到账，单位未实际处理',
    });
    expect(judged.status).toBe(200);
    expect(judged.body).toMatchObject({ revisit: { judgement: 'reasonable' }, archive: null });
    expect(await archiveRecordOf(request.id)).toBeUndefined();

    // handling reopens the reviewed order for 重办 with a new limit: its handling rule (complaint,
    // normal: 15 working days) from the judgement; the original due stays.
    const reopened = await primaryOrder(request.id, (o) => o.status === 'in-progress' && o.reworkCount === 1);
    const calendar = createWorkingCalendar({ timeZone: 'Asia/Shanghai' });
    expect(reopened.reworkDueAt).toBe(computeDue(calendar, new Date(judged.body.revisit.judgedAt), { unit: 'working-days', amount: 15 }).toISOString());
    expect(reopened.handleDueAt).toBe(order.handleDueAt);
    expect(await statusOf(request.id)).not.toBe('closed');

    await answerAndPass(reopened as never, 1, '已督促补缴到账，并电话告知诉求人。');
    await awaitingRevisit(request.id);
    const second = await p.api('revisit', 'POST', '/v1/revisits', as('agent'), {
      requestId: request.id, method: 'phone', resolution: 'resolved', satisfaction: 'satisfied', respondent: 'requester',
    });
    expect(second.status).toBe(201);
    expect(second.body.archive.record.revisit).toMatchObject({
      satisfaction: 'satisfied', resolution: 'resolved',
      earlier: [{ satisfaction: 'dissatisfied', resolution: 'unresolved', judgement: { judgement: 'reasonable' } }],
    });
    await eventually('archived at intake', async () => (await statusOf(request.id)) === 'archived' || undefined);

    // The rates count the second evaluation only (analytics: the latest per request).
    const hrss = await eventually('analytics counted the second evaluation', async () => {
      const res = await p.api('analytics', 'GET', '/v1/metrics/rates?groupBy=unit', as('supervisor'));
      const row = (res.body.items as Array<Record<string, number | string>>).find((r) => r.key === order.unitId);
      return row?.satisfiedOrBasicallySatisfied === 1 ? row : undefined;
    });
    expect(hrss).toMatchObject({ revisits: 1, resolved: 1, resolutionRate: 1, satisfactionRate: 1 });
    // One 重办率: revisit's per-unit figure is analytics' (redone / evaluated requests), the rounds beside it.
    const counts = await p.api('revisit', 'GET', '/v1/revisits/redo-counts', as('supervisor'));
    expect(counts.body.items).toContainEqual({ unitId: order.unitId, evaluatedRequests: 1, redoneRequests: 1, evaluations: 2, redoRounds: 1, redoRate: 1 });
    expect(hrss).toMatchObject({ redone: 1, redoRate: 1 });
  });

  it('closes an unreasonable complaint with that judgement, archived with it', async () => {
    const request = await enter({ categoryCode: '040101', title: '噪声投诉', content: '要求搬走合法经营的菜市场' });
    const order = await primaryOrder(request.id);
    await answerAndPass(order as never, 0, '菜市场合法经营，已依法答复。');
    await awaitingRevisit(request.id);
    expect((await p.api('revisit', 'POST', '/v1/revisits', as('agent'), {
      requestId: request.id, method: 'sms', resolved: false, satisfaction: 'dissatisfied',
    })).status).toBe(201);
    const judged = await p.api('revisit', 'POST', `/v1/revisits/${request.id}/judgement`, as('reviewer'), {
      reasonable: false, note: '诉求超出合理范围（临沂不合理工单第六类）',
    });
    expect(judged.body.archive.record).toMatchObject({
      revisit: { satisfaction: 'dissatisfied', judgement: { judgement: 'unreasonable' } },
      closure: { outcome: 'evaluated', closedBy: judged.body.revisit.judgedBy },
    });
    await eventually('archived at intake', async () => (await statusOf(request.id)) === 'archived' || undefined);
    const redo = await p.api('handling', 'GET', `/v1/work-orders/${order.id}`, as('supervisor'));
    expect(redo.body).toMatchObject({ status: 'reviewed', reworkCount: 0 });
  });

  it('closes and archives a request the tenant’s sampling leaves out, without a revisit', async () => {
    expect((await p.api('revisit', 'PUT', '/v1/sampling-policies/suggestion', as('tenant-admin'), { samplePercent: 0, windowHours: 72 })).status).toBe(200);
    const request = await enter({ requestType: 'suggestion', title: '建议', content: '建议延长社保窗口服务时间' });
    await answerAndPass((await primaryOrder(request.id)) as never, 0, '已采纳，窗口周六上午开放。');
    await eventually('archived at intake', async () => (await statusOf(request.id)) === 'archived' || undefined);
    expect((await archiveRecordOf(request.id))).toMatchObject({ revisit: { outcome: 'skipped', reason: 'not-sampled' }, closure: { outcome: 'skipped' } });
    const verify = await p.api('revisit', 'GET', '/v1/archive/verify', as('supervisor'));
    expect(verify.body).toMatchObject({ intact: true });
  });
});
