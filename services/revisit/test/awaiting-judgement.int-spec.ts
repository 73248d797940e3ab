import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import type { Role } from '@hotline/vocabulary';
import { revisitService } from '../src/revisit.service';
import { answered, brief, created, Lifecycle, query } from './lifecycle-helpers';

// Issue 13/16: the reviewer's queue of evaluations that did not close their request (不满意 or
// 未解决, the closing rule) and wait for the 重办 judgement.
describe('GET /v1/revisits/awaiting-judgement (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let life: Lifecycle;
  const T = 'city-aj';
  const as = (roles: Role[], tenant = T) => sut.as(tenant, roles);
  const awaiting = async (q = '', roles: Role[] = ['reviewer'], tenant = T) => as(roles, tenant)('GET', `/v1/revisits/awaiting-judgement${q}`);
  const ids = (res: { body: { items: Array<{ requestId: string }> } }) => res.body.items.map((i) => i.requestId);
  const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

  /** A request accepted, its primary order created and answered, the answer passed review: ready for its revisit. */
  async function reviewed(tenant = T, withOrder = true) {
    const requestId = uuidv7();
    const workOrderId = uuidv7();
    const request = brief(requestId);
    await life.accept(tenant, request);
    if (withOrder) {
      await publishEvent(sut, Events.handling.workOrderCreated, tenant, created(request, workOrderId, { unitCode: 'HOUSING', unitName: '住建局' }));
      await life.caseFileHas(tenant, `select 1 from case_work_orders where work_order_id = $1`, [workOrderId]);
    }
    const review = await life.answer(tenant, answered(requestId, workOrderId));
    expect((await life.decide(tenant, review.id, { passed: true })).status).toBe(200);
    return { requestId, workOrderId, number: request.number };
  }

  const evaluate = async (tenant: string, requestId: string, body: Record<string, unknown>) => {
    const res = await as(['agent'], tenant)('POST', '/v1/revisits', { requestId, method: 'phone', respondent: 'requester', ...body });
    expect(res.status).toBe(201);
    return res.body.revisit;
  };

  beforeAll(async () => {
    sut = await startServiceUnderTest(revisitService);
    life = new Lifecycle(sut);
  });

  afterAll(() => sut?.close());

  it('lists the evaluations waiting for a judgement, longest waiting first, with number, evaluation, work order and unit; a judgement takes it off', async () => {
    const dissatisfied = await reviewed();
    const unresolved = await reviewed(T, false);
    const satisfied = await reviewed();
    const first = await evaluate(T, dissatisfied.requestId, { resolution: 'resolved', satisfaction: 'dissatisfied' });
    await evaluate(T, unresolved.requestId, { resolution: 'unresolved', satisfaction: 'basically-satisfied', method: 'sms' });
    await evaluate(T, satisfied.requestId, { resolution: 'resolved', satisfaction: 'satisfied' });
    // Another tenant's waiting evaluation is never listed.
    const elsewhere = await reviewed('city-ak');
    await evaluate('city-ak', elsewhere.requestId, { resolution: 'unresolved', satisfaction: 'dissatisfied' });

    const res = await awaiting();
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([dissatisfied.requestId, unresolved.requestId]);
    expect(res.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(res.body.items[0]).toEqual({
      requestId: dissatisfied.requestId,
      requestNumber: dissatisfied.number,
      workOrderId: dissatisfied.workOrderId,
      unit: { unitId: `unit-of-${dissatisfied.workOrderId}`, unitCode: 'HOUSING', unitName: '住建局' },
      waitingSince: first.recordedAt,
      evaluation: {
        revisitId: first.id,
        resolution: 'resolved',
        resolved: true,
        satisfaction: 'dissatisfied',
        respondent: 'requester',
        method: 'phone',
        note: null,
        defaulted: false,
        recordedAt: first.recordedAt,
        recordedBy: first.recordedBy,
      },
      redoRounds: 0,
    });
    // Without WorkOrderCreated in the case file the unit is known by its id only.
    expect(res.body.items[1]).toMatchObject({
      unit: { unitId: `unit-of-${unresolved.workOrderId}`, unitCode: null, unitName: null },
      evaluation: { resolution: 'unresolved', resolved: false, satisfaction: 'basically-satisfied', method: 'sms' },
    });
    const [{ n }] = await query(sut, T, `select count(*)::int as n from request_progress where status = 'awaiting-judgement'`);
    expect(n).toBe(2);

    const page = await awaiting('?limit=1&offset=1', ['supervisor']);
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(ids(page)).toEqual([unresolved.requestId]);

    // 合理差评: off the list while re-handled; its next dissatisfied evaluation is back on it, a second round.
    expect((await as(['reviewer'])('POST', `/v1/revisits/${dissatisfied.requestId}/judgement`, { reasonable: true, note: '仍未处理' })).status).toBe(200);
    expect(ids(await awaiting('', ['tenant-admin']))).toEqual([unresolved.requestId]);
    const again = await life.answer(T, answered(dissatisfied.requestId, dissatisfied.workOrderId, { reworkCount: 1, answer: '已再次处理' }));
    expect((await life.decide(T, again.id, { passed: true })).status).toBe(200);
    const second = await evaluate(T, dissatisfied.requestId, { resolution: 'partly-resolved', satisfaction: 'dissatisfied' });
    const after = await awaiting();
    expect(ids(after)).toEqual([unresolved.requestId, dissatisfied.requestId]);
    expect(after.body.items[1]).toMatchObject({ redoRounds: 1, evaluation: { revisitId: second.id, resolution: 'partly-resolved' } });
  });

  it('refuses a bad query naming the field, and callers other than reviewers, supervisors and tenant-admins', async () => {
    for (const [q, field] of [['?limit=0', 'query.limit'], ['?offset=x', 'query.offset'], ['?status=open', 'query']]) {
      const res = await awaiting(q);
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(fieldsOf(res)).toEqual([field]);
    }
    for (const roles of [['agent'], ['dispatcher'], ['unit-operator']] as Role[][]) expect((await awaiting('', roles)).status).toBe(403);
  });
});
