import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched } from './work-order-fixtures';

// revisit's retention run ends a closed request's period; handling removes what its orders hold (issue 13).
describe('handling: work orders of a request anonymised after its retention period', () => {
  let sut: ServiceUnderTest;
  const row = async (id: string) =>
    (
      await sut.service.context.db.run('city-a', (m) =>
        m.query(`select unit_code, status, brief, answer, answer_enc, basis, contact_record, contact_record_enc, answered_at, anonymised_at from work_orders where id = $1`, [id]),
      )
    )[0];

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  it('clears the answer, its basis and contact record and the brief’s identity and text; keeps unit, status and times', async () => {
    const request = brief({ title: '燃气停供', content: '联系 13900001111' });
    const [order] = await dispatchAndWait(sut, 'city-a', dispatched(request, [assignment('u-gas')]), 1);
    const gas = await sut.token('city-a', ['unit-operator'], 'u-gas');
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/sign`, gas)).status).toBeLessThan(300);
    const answered = await sut.request('POST', `/v1/work-orders/${order.id}/answer`, gas, {
      answer: '已协调燃气公司恢复供气，回电13900001111', basis: '《城镇燃气管理条例》第十九条', contactRecord: '电话联系诉求人王女士',
    });
    expect(answered.status).toBeLessThan(300);
    const before = await row(order.id);
    expect(before.answer_enc).not.toBeNull();

    await publishEvent(sut, Events.revisit.requestAnonymised, 'city-a', { requestId: request.requestId, anonymisedAt: new Date().toISOString(), runId: uuidv7() });
    const after = await eventually('anonymised', async () => {
      const r = await row(order.id);
      return r.anonymised_at ? r : undefined;
    });
    expect(after).toMatchObject({
      unit_code: 'u-gas', status: before.status, answered_at: before.answered_at,
      answer: ANONYMISED_MARKER, answer_enc: null, basis: ANONYMISED_MARKER, contact_record: ANONYMISED_MARKER, contact_record_enc: null,
      brief: { number: request.number, title: ANONYMISED_MARKER, content: ANONYMISED_MARKER, requesterMaskedName: ANONYMISED_MARKER, requesterMaskedPhone: ANONYMISED_MARKER },
    });
    const view = await sut.as('city-a', ['supervisor'])('GET', `/v1/work-orders/${order.id}`);
    expect(JSON.stringify(view.body)).not.toMatch(/恢复供气|王女士|1111/);

    // A request handling never held, and a second message of the same fact: nothing fails.
    await publishEvent(sut, Events.revisit.requestAnonymised, 'city-a', { requestId: 'unknown', anonymisedAt: '', runId: uuidv7() });
    await publishEvent(sut, Events.revisit.requestAnonymised, 'city-a', { requestId: request.requestId, anonymisedAt: new Date().toISOString(), runId: uuidv7() });
    await eventually('all three applied', async () => {
      const [{ n }] = await sut.service.context.dataSource.query(`select count(*)::int as n from inbox where consumer like '%retention'`);
      return n >= 3 || undefined;
    });
    expect(await row(order.id)).toEqual(after);
  });
});
