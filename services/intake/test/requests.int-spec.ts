import { Events, streamOf } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { contact, outboxEvents, REQUESTER, TAXONOMY } from './intake-fixtures';

describe('intake requests (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const agent = (...a: [string, string, unknown?]) => sut.as('city-a', ['agent'])(...a);
  const supervisor = (...a: [string, string, unknown?]) => sut.as('city-a', ['supervisor'])(...a);

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    expect((await sut.as('city-a', ['tenant-admin'])('PUT', '/v1/categories', { categories: TAXONOMY })).body).toEqual({ count: 4 });
  });
  afterAll(() => sut?.close());

  it('replaces and lists the taxonomy, refusing an inconsistent one', async () => {
    const admin = sut.as('city-a', ['tenant-admin']);
    const bad = await admin('PUT', '/v1/categories', { categories: [{ code: '01', name: 'a', level: 1 }, { code: '0101', name: 'b', parentCode: '09', level: 2 }] });
    expect(bad).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['categories.1.parentCode']);
    const tooDeep = await admin('PUT', '/v1/categories', { categories: [{ code: '01', name: 'a', level: 5 }] });
    expect(tooDeep.body.errors.map((e: { field: string }) => e.field)).toEqual(['categories.0.level']);
    expect((await agent('PUT', '/v1/categories', { categories: [] })).status).toBe(403);
    const level2 = await agent('GET', '/v1/categories?level=2&parent=01');
    expect(level2.body).toMatchObject({ items: [{ code: '0101', name: '住房保障', parentCode: '01', level: 2 }], total: 1 });
    expect((await agent('GET', '/v1/categories?limit=2')).body.items.map((c: { code: string }) => c.code)).toEqual(['01', '0101']);
  });

  it('registers an in-scope contact, masks the requester and emits RequestAccepted with masked identity', async () => {
    const res = await agent('POST', '/v1/requests', contact({ title: '电梯停运' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'registered',
      categoryCode: '010101',
      requester: { name: '张**', phone: '138****5678', idNumber: '320102********123X', address: '南京市玄武区…', confidential: false },
      closedAt: null,
    });
    expect(res.body.number).toMatch(/^a-\d{8}-\d{6}$/);
    expect(res.body.accessCode).toMatch(/^\d{6}$/);
    expect(JSON.stringify(res.body)).not.toContain(REQUESTER.phone);

    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    expect(accepted?.request).toMatchObject({
      requestId: res.body.id,
      number: res.body.number,
      title: '电梯停运',
      categoryCode: '010101',
      requesterMaskedName: '张**',
      requesterMaskedPhone: '138****5678',
      confidential: false,
    });
    expect(await outboxEvents(sut, Events.intake.requestClosedAtIntake, res.body.id)).toEqual([]);
    // The relay publishes it to intake's own stream.
    const stream = streamOf(sut.namespace, 'intake').name;
    const message = await eventually('RequestAccepted on the stream', () =>
      sut.service.context.bus.jsm.streams.getMessage(stream, { last_by_subj: `${sut.namespace}.hl.intake.v1.city-a.request.accepted` }),
    );
    expect(Events.intake.requestAccepted.codec.decode(message!.data).request?.requestId).toBe(res.body.id);
  });

  it('numbers requests per tenant and local day', async () => {
    const first = await agent('POST', '/v1/requests', contact());
    const second = await agent('POST', '/v1/requests', contact());
    const seq = (n: string) => Number(n.split('-').pop());
    expect(seq(second.body.number)).toBe(seq(first.body.number) + 1);
    // city-n has no taxonomy yet: its category must exist there, not in city-a.
    expect((await sut.as('city-n', ['agent'])('POST', '/v1/requests', contact())).body.errors[0].field).toBe('categoryCode');
    await sut.as('city-n', ['tenant-admin'])('PUT', '/v1/categories', { categories: TAXONOMY });
    const other = await sut.as('city-n', ['agent'])('POST', '/v1/requests', contact());
    expect(other.body.number).toMatch(/^n-\d{8}-000001$/);
  });

  it('closes a direct answer at intake, never dispatching it', async () => {
    const res = await agent('POST', '/v1/requests', contact({ scope: { decision: 'direct-answer', answer: '公积金提取请携带身份证到窗口办理' } }));
    expect(res.body).toMatchObject({ status: 'closed', scope: { decision: 'direct-answer' } });
    expect(res.body.closedAt).toBeTruthy();
    expect(await outboxEvents(sut, Events.intake.requestAccepted, res.body.id)).toEqual([]);
    const [closed] = await outboxEvents(sut, Events.intake.requestClosedAtIntake, res.body.id);
    expect(closed).toMatchObject({ outcome: 'direct-answer', detail: '公积金提取请携带身份证到窗口办理' });
    expect(closed?.request).toMatchObject({ requesterMaskedName: '张**', requesterMaskedPhone: '138****5678' });
  });

  it.each(['transfer-emergency', 'legal-route', 'explained', 'refer-police'])('records out-of-scope %s as not-accepted', async (decision) => {
    const res = await agent('POST', '/v1/requests', contact({ scope: { decision, reason: `原因 ${decision}` } }));
    expect(res).toMatchObject({ status: 201, body: { status: 'not-accepted', scope: { decision, detail: `原因 ${decision}` } } });
    expect(res.body.closedAt).toBeTruthy();
    expect(await outboxEvents(sut, Events.intake.requestAccepted, res.body.id)).toEqual([]);
    const [closed] = await outboxEvents(sut, Events.intake.requestClosedAtIntake, res.body.id);
    expect(closed).toMatchObject({ outcome: decision, detail: `原因 ${decision}` });
    const detail = await agent('GET', `/v1/requests/${res.body.id}`);
    expect(detail.body.timeline.map((t: { status: string }) => t.status)).toEqual(['registered', 'not-accepted']);
  });

  it('stores requester identity encrypted, and reveals it only through the audited clear read', async () => {
    const res = await agent('POST', '/v1/requests', contact());
    const [raw] = await sut.service.context.db.run('city-a', (m) =>
      m.query(`select requester_name_enc, requester_phone_enc, requester_id_number_enc from requests where id = $1`, [res.body.id]),
    );
    for (const blob of Object.values(raw) as Buffer[]) expect(blob[0]).toBe(1);
    expect((raw.requester_phone_enc as Buffer).includes(Buffer.from(REQUESTER.phone))).toBe(false);
    expect((raw.requester_name_enc as Buffer).includes(Buffer.from(REQUESTER.name))).toBe(false);

    const agentToken = await sut.token('city-a', ['agent']);
    const clear = await sut.request('GET', `/v1/requests/${res.body.id}/requester`, agentToken);
    expect(clear).toMatchObject({ status: 200, body: { ...REQUESTER, confidential: false } });
    const audit = await sut.service.context.db.run('city-a', (m) =>
      m.query(`select subject, roles from pii_access_log where request_id = $1`, [res.body.id]),
    );
    expect(audit).toEqual([{ subject: 'city-a:user', roles: ['agent'] }]);
    expect((await sut.as('city-a', ['dispatcher'])('GET', `/v1/requests/${res.body.id}/requester`)).status).toBe(403);
  });

  it('keeps a confidential requester out of events and views, and visible to supervisors only', async () => {
    const res = await agent('POST', '/v1/requests', contact({ requester: { ...REQUESTER, confidential: true }, requestType: 'report' }));
    expect(res.body.requester).toEqual({ name: '', phone: '', confidential: true });
    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    expect(accepted?.request).toMatchObject({ requesterMaskedName: '', requesterMaskedPhone: '', confidential: true });
    expect((await agent('GET', `/v1/requests/${res.body.id}/requester`)).status).toBe(403);
    const clear = await supervisor('GET', `/v1/requests/${res.body.id}/requester`);
    expect(clear).toMatchObject({ status: 200, body: { name: REQUESTER.name, phone: REQUESTER.phone, confidential: true } });
    const audit = await sut.service.context.db.run('city-a', (m) =>
      m.query(`select roles from pii_access_log where request_id = $1`, [res.body.id]),
    );
    expect(audit).toEqual([{ roles: ['supervisor'] }]);
  });

  it('answers bad input with 400 problems naming each field, and writes nothing', async () => {
    const count = async () =>
      (await sut.service.context.db.run('city-a', (m) => m.query(`select count(*)::int as n from requests`)))[0].n;
    const before = await count();
    const fields = async (body: unknown) => {
      const res = await agent('POST', '/v1/requests', body);
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fields(contact({ scope: { decision: 'direct-answer' } }))).toEqual(['scope.answer']);
    expect(await fields(contact({ scope: { decision: 'legal-route', answer: 'x' } }))).toEqual(['scope.reason']);
    expect(await fields(contact({ scope: { decision: 'maybe' } }))).toEqual(['scope.decision']);
    expect(await fields(contact({ categoryCode: '999' }))).toEqual(['categoryCode']);
    expect(
      await fields(contact({ requester: { name: '', phone: 'call me' }, content: 'x'.repeat(4001), urgency: 'soon', channel: '' })),
    ).toEqual(expect.arrayContaining(['requester.name', 'requester.phone', 'content', 'urgency', 'channel']));
    expect(await count()).toBe(before);
    expect((await agent('GET', '/v1/requests?limit=201')).body.errors[0].field).toBe('query.limit');
    expect((await agent('GET', '/v1/requests/not-a-uuid')).status).toBe(400);
    expect((await sut.as('city-a', ['dispatcher'])('POST', '/v1/requests', contact())).status).toBe(403);
  });

  it('lists requests with masked requesters, by status, paginated', async () => {
    const list = await sut.as('city-a', ['dispatcher'])('GET', '/v1/requests?status=not-accepted&limit=2&offset=1');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(list.body.items).toHaveLength(2);
    for (const item of list.body.items) expect(item).toMatchObject({ status: 'not-accepted', requester: { name: '张**' } });
    expect(JSON.stringify((await agent('GET', '/v1/requests?limit=200')).body)).not.toContain(REQUESTER.phone);
  });

  it('keeps tenants apart: tenant B can neither read nor list tenant A requests', async () => {
    const res = await agent('POST', '/v1/requests', contact());
    const asB = sut.as('city-b', ['supervisor', 'agent']);
    expect((await asB('GET', `/v1/requests/${res.body.id}`)).status).toBe(404);
    expect((await asB('GET', `/v1/requests/${res.body.id}/requester`)).status).toBe(404);
    expect((await asB('GET', '/v1/requests')).body).toMatchObject({ items: [], total: 0 });
    expect((await asB('GET', '/v1/categories')).body.items).toEqual([]);
  });
});
