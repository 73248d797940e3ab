import { Events } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { queryAsTenant } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { handlingService } from '../src/handling.service';
import {
  ANSWER_WITH_PERSONAL_DATA,
  CARD,
  clearValuesInDatabase,
  holdsClearValue,
  MASKED_ANSWER,
  PHONE,
} from './personal-data-fixtures';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents, staffToken } from './work-order-fixtures';

describe('personal data in answers, bases and contact records (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let order: { id: string; requestId: string };
  let plainOrder: { id: string };
  const as = (roles: Role[], subject = 'city-p:staff', unit?: string, tenantId = 'city-p') => staffToken(tenantId, roles, subject, unit);
  const log = async (query = '', roles: Role[] = ['supervisor'], tenantId = 'city-p') =>
    sut.request('GET', `/v1/pii-access-log${query}`, await as(roles, `${tenantId}:auditor`, undefined, tenantId));

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
    for (const tenant of ['city-p', 'city-q']) await sut.token(tenant, ['supervisor']);
    // A dispatch from before intake masked free text: the brief's title carries the phone in clear.
    const request = brief({ title: `业主${PHONE}反映电梯停运`, content: `退款请打到${CARD}` });
    const orders = await dispatchAndWait(sut, 'city-p', dispatched(request, [assignment('u-housing'), assignment('u-street', 'assisting')]), 2);
    order = orders.find((o: { unitCode: string }) => o.unitCode === 'u-housing');
    plainOrder = orders.find((o: { unitCode: string }) => o.unitCode === 'u-street');
    // The assisting unit gives its input first: the lead answers with it (ADR 0026).
    const street = await as(['unit-operator'], 'city-p:zhao', 'u-street');
    await sut.request('POST', `/v1/work-orders/${plainOrder.id}/sign`, street);
    const plain = { answer: '已协调街道处理', basis: '《城市市容和环境卫生管理条例》', contactRecord: '上门告知诉求人' };
    expect((await sut.request('POST', `/v1/work-orders/${plainOrder.id}/answer`, street, plain)).status).toBe(200);
    const housing = await as(['unit-operator'], 'city-p:li', 'u-housing');
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/sign`, housing)).status).toBe(200);
    const answered = await fetch(`${sut.service.httpUrl}/v1/work-orders/${order.id}/answer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${housing}`, 'content-type': 'application/json', 'idempotency-key': 'answer-with-personal-data' },
      body: JSON.stringify(ANSWER_WITH_PERSONAL_DATA),
    });
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ status: 'answered', ...MASKED_ANSWER });
  });
  afterAll(() => sut?.close());

  it('stores the masked text in plain columns and the clear text only as ciphertext, in every table', async () => {
    const [row] = await queryAsTenant(sut.db.url, 'city-p', `select answer, basis, contact_record, brief->>'title' as title, brief->>'content' as content,
       answer_enc is not null as a, basis_enc is not null as b, contact_record_enc is not null as c, get_byte(answer_enc, 0) as key_version
       from work_orders where id = $1`, [order.id]);
    expect(row).toEqual({
      answer: MASKED_ANSWER.answer, basis: MASKED_ANSWER.basis, contact_record: MASKED_ANSWER.contactRecord,
      title: '业主138****5678反映电梯停运', content: '退款请打到6222********0128', a: true, b: true, c: true, key_version: 1,
    });
    const [plain] = await queryAsTenant(sut.db.url, 'city-p', `select answer_enc, basis_enc, contact_record_enc from work_orders where id = $1`, [plainOrder.id]);
    expect(plain).toEqual({ answer_enc: null, basis_enc: null, contact_record_enc: null });
    // The outbox, the stored outcome of the answer (its Idempotency-Key), the timers, the inbox: nowhere in clear.
    const [outcome] = await queryAsTenant(sut.db.url, 'city-p', `select response from idempotency_keys where key = 'answer-with-personal-data'`);
    expect(outcome?.response).toMatchObject(MASKED_ANSWER);
    expect(await clearValuesInDatabase(sut.db.url, ['city-p'])).toEqual([]);
  });

  it('sends the masked text in WorkOrderAnswered and WorkOrderCreated', async () => {
    const [answered] = await outboxEvents(sut, Events.handling.workOrderAnswered, order.id);
    expect(answered).toMatchObject({ ...MASKED_ANSWER, workOrderId: order.id, answeredBy: 'city-p:li' });
    const [created] = await outboxEvents(sut, Events.handling.workOrderCreated, order.id);
    expect(created?.request).toMatchObject({ title: '业主138****5678反映电梯停运', content: '退款请打到6222********0128' });
    expect(holdsClearValue([answered, created])).toBe(false);
  });

  it('shows every role the masked text in the order and in lists, the answering unit too', async () => {
    const readers: Array<[Role[], string?]> = [[['unit-operator'], 'u-housing'], [['unit-leader'], 'u-housing'], [['supervisor']], [['reviewer']], [['dispatcher']], [['tenant-admin']]];
    for (const [roles, unit] of readers) {
      const token = await as(roles, 'city-p:reader', unit);
      const one = await sut.request('GET', `/v1/work-orders/${order.id}`, token);
      expect(one).toMatchObject({ status: 200, body: { ...MASKED_ANSWER, request: { title: '业主138****5678反映电梯停运' } } });
      const list = await sut.request('GET', `/v1/work-orders?requestId=${order.requestId}`, token);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(holdsClearValue([one.body, list.body])).toBe(false);
    }
  });

  it('reads in clear only with a purpose, for the answering unit and supervisors, and records each read', async () => {
    const noPurpose = await sut.request('GET', `/v1/work-orders/${order.id}/clear`, await as(['supervisor']));
    expect(noPurpose).toMatchObject({ status: 400, body: { errors: [{ field: 'query.purpose' }] } });
    const badPurpose = await sut.request('GET', `/v1/work-orders/${order.id}/clear?purpose=curiosity`, await as(['supervisor']));
    expect(badPurpose).toMatchObject({ status: 400, body: { errors: [{ field: 'query.purpose' }] } });

    const byUnit = await sut.request('GET', `/v1/work-orders/${order.id}/clear?purpose=contact-requester`, await as(['unit-leader'], 'city-p:wang', 'u-housing'));
    expect(byUnit).toMatchObject({
      status: 200,
      body: { workOrderId: order.id, requestId: order.requestId, purpose: 'contact-requester', disclosedFields: ['answer', 'basis', 'contactRecord'], ...ANSWER_WITH_PERSONAL_DATA },
    });
    const bySupervisor = await sut.request('GET', `/v1/work-orders/${order.id}/clear?purpose=supervision`, await as(['supervisor'], 'city-p:sun'));
    expect(bySupervisor).toMatchObject({ status: 200, body: ANSWER_WITH_PERSONAL_DATA });

    for (const roles of [['reviewer'], ['dispatcher'], ['tenant-admin'], ['agent']] as Role[][])
      expect((await sut.request('GET', `/v1/work-orders/${order.id}/clear?purpose=handle-request`, await as(roles))).status).toBe(403);
    // Staff of another unit do not see the order at all; a reviewer who also has a unit role, not this one, may not read it.
    expect((await sut.request('GET', `/v1/work-orders/${order.id}/clear?purpose=handle-request`, await as(['unit-operator'], 'city-p:x', 'u-street'))).status).toBe(404);
    expect((await sut.request('GET', `/v1/work-orders/${order.id}/clear?purpose=handle-request`, await as(['unit-operator', 'reviewer'], 'city-p:x', 'u-street'))).status).toBe(403);
    expect((await sut.request('GET', `/v1/work-orders/${order.id}/clear?purpose=handle-request`, await as(['supervisor'], 'city-q:sun', undefined, 'city-q'))).status).toBe(404);
    // An answer without personal data reads the same as its view: nothing disclosed, nothing recorded.
    const plain = await sut.request('GET', `/v1/work-orders/${plainOrder.id}/clear?purpose=handle-request`, await as(['supervisor'], 'city-p:sun'));
    expect(plain).toMatchObject({ status: 200, body: { disclosedFields: [], answer: '已协调街道处理' } });

    const entries = await log();
    expect(entries).toMatchObject({ status: 200, body: { total: 2, limit: 50, offset: 0 } });
    expect(entries.body.items).toEqual([
      {
        id: expect.any(String), accessedAt: expect.any(String), subject: 'city-p:sun', roles: ['supervisor'], purpose: 'supervision',
        workOrderId: order.id, requestId: order.requestId, fields: ['answer', 'basis', 'contactRecord'],
      },
      expect.objectContaining({ subject: 'city-p:wang', roles: ['unit-leader'], purpose: 'contact-requester', workOrderId: order.id }),
    ]);
    expect(holdsClearValue(entries.body)).toBe(false);
  });

  it('lets supervisors and tenant admins read the log, filtered and paged, of their own tenant only', async () => {
    expect((await log('', ['tenant-admin'])).body.total).toBe(2);
    for (const roles of [['reviewer'], ['dispatcher'], ['unit-leader'], ['agent']] as Role[][]) expect((await log('', roles)).status).toBe(403);
    expect((await log('?purpose=contact-requester')).body.items.map((e: { subject: string }) => e.subject)).toEqual(['city-p:wang']);
    expect((await log('?subject=city-p:sun')).body.items.map((e: { purpose: string }) => e.purpose)).toEqual(['supervision']);
    expect((await log(`?workOrderId=${plainOrder.id}`)).body).toMatchObject({ items: [], total: 0 });
    const page = await log('?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ subject: 'city-p:wang' }] });
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await log(`?from=${encodeURIComponent(later)}`)).body.total).toBe(0);
    expect((await log(`?to=${encodeURIComponent(later)}`)).body.total).toBe(2);
    const bad = await log('?purpose=x&workOrderId=1&limit=999');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.limit', 'query.purpose', 'query.workOrderId']);
    expect((await log('', ['supervisor'], 'city-q')).body).toMatchObject({ items: [], total: 0 });
  });

  it('keeps the access log append-only and tenant-isolated in the database', async () => {
    await expect(queryAsTenant(sut.db.url, 'city-p', `update pii_access_log set purpose = 'supervision'`)).rejects.toThrow(/append-only/);
    await expect(queryAsTenant(sut.db.url, 'city-p', `delete from pii_access_log`)).rejects.toThrow(/append-only/);
    expect(await queryAsTenant(sut.db.url, 'city-q', `select id from pii_access_log`)).toEqual([]);
    expect(await sut.service.context.dataSource.query(`select id from pii_access_log`)).toEqual([]);
  });
});
