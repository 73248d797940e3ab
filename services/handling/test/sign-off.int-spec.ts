import { Events } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents, staffToken } from './work-order-fixtures';

const answer = { answer: '已协调施工单位调整作业时间', basis: '《环境噪声污染防治法》第四十三条', contactRecord: '12-01 电话联系诉求人 13812345678' };

describe("leader sign-off (审签): an operator's answer leaves the unit only with its leader's sign-off, where the tenant requires it", () => {
  let sut: ServiceUnderTest;
  /** Rows as the tenant sees them (row-level security). */
  const rows = (tenantId: string, sql: string, params: unknown[]) =>
    sut.service.context.dataSource.transaction(async (m) => {
      await m.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      return m.query(sql, params);
    });

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  it('is off by default: an operator answers directly, and nobody signed it off', async () => {
    expect((await sut.as('city-s0', ['supervisor'])('GET', '/v1/sign-off-policy')).body).toEqual({ required: false, importantUrgencies: [], importantWhenSupervised: false, source: 'default' });
    const [order] = await dispatchAndWait(sut, 'city-s0', dispatched(brief(), [assignment('u-s0')]), 1);
    const operator = await sut.token('city-s0', ['unit-operator'], 'u-s0');
    await sut.request('POST', `/v1/work-orders/${order.id}/sign`, operator);
    // Drafting is for tenants that ask for the sign-off.
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer-draft`, operator, answer)).status).toBe(409);
    const answered = await sut.request('POST', `/v1/work-orders/${order.id}/answer`, operator, answer);
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', signedOffBy: null });
    const [event] = await outboxEvents(sut, Events.handling.workOrderAnswered, order.id);
    expect(event?.signedOffBy).toBe('');
  });

  it('required: the operator drafts, the leader returns it with a note, the operator drafts again, the leader signs it off and the clock stops then', async () => {
    const admin = sut.as('city-s1', ['tenant-admin']);
    expect((await admin('PUT', '/v1/sign-off-policy', { required: 'yes' })).status).toBe(400);
    expect((await admin('PUT', '/v1/sign-off-policy', { required: true })).body).toEqual({ required: true, importantUrgencies: [], importantWhenSupervised: false, source: 'tenant' });
    const [order] = await dispatchAndWait(sut, 'city-s1', dispatched(brief(), [assignment('u-s1')]), 1);
    const operator = await staffToken('city-s1', ['unit-operator'], 'city-s1:wang', 'u-s1');
    const leader = await staffToken('city-s1', ['unit-leader'], 'city-s1:director-li', 'u-s1');
    const otherLeader = await sut.token('city-s1', ['unit-leader'], 'u-other');
    await sut.request('POST', `/v1/work-orders/${order.id}/sign`, operator);

    const direct = await sut.request('POST', `/v1/work-orders/${order.id}/answer`, operator, answer);
    expect(direct.status).toBe(409);
    expect(direct.body.detail).toContain('answer-draft');
    const drafted = await sut.request('POST', `/v1/work-orders/${order.id}/answer-draft`, operator, answer);
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ state: 'awaiting-sign-off', returnNote: null });
    expect(drafted.body.contactRecord).not.toContain('13812345678');
    // Encrypted at rest like an answer: the phone is in the ciphertext only.
    const [stored] = await rows('city-s1', `select contact_record, contact_record_enc is not null as sealed from answer_drafts where work_order_id = $1`, [order.id]);
    expect(stored).toMatchObject({ sealed: true });
    expect(stored.contact_record).not.toContain('13812345678');

    // Only the unit's own leader decides; a draft changes nothing on the order.
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer-draft/sign-off`, operator)).status).toBe(403);
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer-draft/sign-off`, otherLeader)).status).toBe(404);
    expect((await sut.as('city-s1', ['supervisor'])('GET', `/v1/work-orders/${order.id}`)).body).toMatchObject({ status: 'in-progress', answeredAt: null });
    const returned = await sut.request('POST', `/v1/work-orders/${order.id}/answer-draft/return`, leader, { note: '请补充整改时限' });
    expect(returned.body).toMatchObject({ state: 'returned', returnNote: '请补充整改时限' });
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer-draft/sign-off`, leader)).status).toBe(409);

    const again = await sut.request('POST', `/v1/work-orders/${order.id}/answer-draft`, operator, { ...answer, answer: `${answer.answer}, 三日内整改完毕` });
    expect(again.body).toMatchObject({ state: 'awaiting-sign-off', returnNote: null });
    expect((await sut.request('GET', `/v1/work-orders/${order.id}/answer-draft`, leader)).body.answer).toContain('三日内整改完毕');
    const before = Date.now();
    const signed = await sut.request('POST', `/v1/work-orders/${order.id}/answer-draft/sign-off`, leader);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'answered', answeredBy: 'city-s1:wang', signedOffBy: 'city-s1:director-li', answer: `${answer.answer}, 三日内整改完毕`,
    });
    expect(drafted.body.submittedBy).toBe('city-s1:wang');
    expect(new Date(signed.body.answeredAt).getTime()).toBeGreaterThanOrEqual(before);
    const [event] = await outboxEvents(sut, Events.handling.workOrderAnswered, order.id);
    expect(event).toMatchObject({ answeredBy: drafted.body.submittedBy, signedOffBy: signed.body.signedOffBy });
    expect(await rows('city-s1', `select 1 from answer_drafts where work_order_id = $1`, [order.id])).toEqual([]);
  });

  it('required: a leader answering directly signs it off; another unit cannot draft', async () => {
    await sut.as('city-s2', ['tenant-admin'])('PUT', '/v1/sign-off-policy', { required: true });
    const [order] = await dispatchAndWait(sut, 'city-s2', dispatched(brief(), [assignment('u-s2')]), 1);
    const leader = await sut.token('city-s2', ['unit-leader'], 'u-s2');
    const stranger = await sut.token('city-s2', ['unit-operator'], 'u-other');
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer-draft`, stranger, answer)).status).toBe(404);
    const bad = await sut.request('POST', `/v1/work-orders/${order.id}/answer-draft`, leader, { ...answer, basis: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'basis' })]);
    await sut.request('POST', `/v1/work-orders/${order.id}/sign`, leader);
    const answered = await sut.request('POST', `/v1/work-orders/${order.id}/answer`, leader, answer);
    expect(answered.status).toBe(200);
    expect(answered.body.signedOffBy).toBe(answered.body.answeredBy);
  });
});
