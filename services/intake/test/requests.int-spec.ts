import { Events, streamOf } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { configureTenant, contact, outboxEvents, REQUESTER } from './intake-fixtures';

describe('intake requests (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const agent = (...a: [string, string, unknown?]) => sut.as('city-a', ['agent'])(...a);
  const supervisor = (...a: [string, string, unknown?]) => sut.as('city-a', ['supervisor'])(...a);
  const count = async () => (await sut.service.context.db.run('city-a', (m) => m.query(`select count(*)::int as n from requests`)))[0].n;
  const statusChanges = async (requestId: string) =>
    (await outboxEvents(sut, Events.intake.requestStatusChanged, requestId)).map(({ fromStatus, toStatus, reason, actor, sequence }) => ({
      fromStatus,
      toStatus,
      reason,
      actor,
      sequence,
    }));

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    expect(await configureTenant(sut, 'city-a')).toEqual({ version: 1, count: 4, retiredCodes: [] });
  });
  afterAll(() => sut?.close());

  it('registers an in-scope contact, masks the requester and emits RequestAccepted with masked identity', async () => {
    const res = await agent('POST', '/v1/requests', contact({ title: '电梯停运' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'registered',
      categoryCode: '010101',
      taxonomyVersion: 1,
      anonymous: false,
      requester: {
        anonymous: false,
        name: '张**',
        phone: '138****5678',
        idNumber: '320102********123X',
        address: '南京市玄武区…',
        confidential: false,
      },
      closedAt: null,
    });
    expect(res.body.number).toMatch(/^a-\d{8}-\d{6}$/);
    expect(res.body.accessCode).toMatch(/^\d{8}$/);
    expect(JSON.stringify(res.body)).not.toContain(REQUESTER.phone);

    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    expect(accepted?.request).toMatchObject({
      requestId: res.body.id,
      number: res.body.number,
      title: '电梯停运',
      categoryCode: '010101',
      categoryPath: ['01', '0101', '010101'],
      taxonomyVersion: 1,
      requesterMaskedName: '张**',
      requesterMaskedPhone: '138****5678',
      confidential: false,
      anonymous: false,
    });
    expect(await outboxEvents(sut, Events.intake.requestClosedAtIntake, res.body.id)).toEqual([]);
    // intake owns the status: the first one is announced too, by the agent who registered it.
    expect(await statusChanges(res.body.id)).toEqual([
      { fromStatus: '', toStatus: 'registered', reason: 'registered', actor: 'city-a:user', sequence: '1' },
    ]);
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
    // city-n has its channels but no taxonomy yet: its category must exist there, not in city-a.
    const adminN = sut.as('city-n', ['tenant-admin']);
    expect((await adminN('POST', '/v1/channels', { code: 'phone', name: '12345', kind: 'phone' })).status).toBe(201);
    const uncategorised = await sut.as('city-n', ['agent'])('POST', '/v1/requests', contact());
    expect(uncategorised.body.errors.map((e: { field: string }) => e.field)).toEqual(['categoryCode']);
    await configureTenant(sut, 'city-n', { channels: [] });
    const other = await sut.as('city-n', ['agent'])('POST', '/v1/requests', contact());
    expect(other.body.number).toMatch(/^n-\d{8}-000001$/);
  });

  it('closes a direct answer at intake with the full brief and who closed it, never dispatching it', async () => {
    const res = await agent('POST', '/v1/requests', contact({ scope: { decision: 'direct-answer', answer: '公积金提取请携带身份证到窗口办理' } }));
    expect(res.body).toMatchObject({ status: 'closed', scope: { decision: 'direct-answer' } });
    expect(res.body.closedAt).toBeTruthy();
    expect(await outboxEvents(sut, Events.intake.requestAccepted, res.body.id)).toEqual([]);
    const [closed] = await outboxEvents(sut, Events.intake.requestClosedAtIntake, res.body.id);
    expect(closed).toMatchObject({
      outcome: 'direct-answer',
      detail: '公积金提取请携带身份证到窗口办理',
      closedAt: res.body.closedAt,
      closedBy: 'city-a:user',
    });
    // Revisit archives it from this event alone: the brief is the whole request, identity masked.
    expect(closed?.request).toMatchObject({
      requestId: res.body.id,
      number: res.body.number,
      content: '小区电梯停运三天无人维修',
      requestType: 'complaint',
      areaCode: '320102',
      receivedAt: res.body.receivedAt,
      categoryPath: ['01', '0101', '010101'],
      requesterMaskedName: '张**',
      requesterMaskedPhone: '138****5678',
    });
    expect(await statusChanges(res.body.id)).toEqual([
      { fromStatus: '', toStatus: 'registered', reason: 'registered', actor: 'city-a:user', sequence: '1' },
      { fromStatus: 'registered', toStatus: 'closed', reason: 'direct-answer', actor: 'city-a:user', sequence: '2' },
    ]);
  });

  it.each(['transfer-emergency', 'legal-route', 'explained', 'refer-police'])('records out-of-scope %s as not-accepted', async (decision) => {
    const res = await agent('POST', '/v1/requests', contact({ scope: { decision, reason: `原因 ${decision}` } }));
    expect(res).toMatchObject({ status: 201, body: { status: 'not-accepted', scope: { decision, detail: `原因 ${decision}` } } });
    expect(res.body.closedAt).toBeTruthy();
    expect(await outboxEvents(sut, Events.intake.requestAccepted, res.body.id)).toEqual([]);
    const [closed] = await outboxEvents(sut, Events.intake.requestClosedAtIntake, res.body.id);
    expect(closed).toMatchObject({ outcome: decision, detail: `原因 ${decision}`, closedBy: 'city-a:user' });
    const detail = await agent('GET', `/v1/requests/${res.body.id}`);
    expect(detail.body.timeline.map((t: { status: string; reason: string }) => [t.status, t.reason])).toEqual([
      ['registered', 'registered'],
      ['not-accepted', decision],
    ]);
    expect((await statusChanges(res.body.id))[1]).toEqual({
      fromStatus: 'registered',
      toStatus: 'not-accepted',
      reason: decision,
      actor: 'city-a:user',
      sequence: '2',
    });
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
    const clear = await sut.request('GET', `/v1/requests/${res.body.id}/requester?purpose=contact-requester`, agentToken);
    expect(clear).toMatchObject({ status: 200, body: { ...REQUESTER, anonymous: false, confidential: false } });
    const audit = await sut.service.context.db.run('city-a', (m) =>
      m.query(`select subject, roles, purpose, fields from pii_access_log where request_id = $1`, [res.body.id]),
    );
    expect(audit).toEqual([
      {
        subject: 'city-a:user',
        roles: ['agent'],
        purpose: 'contact-requester',
        fields: ['requester.name', 'requester.phone', 'requester.idNumber', 'requester.address'],
      },
    ]);
    expect((await sut.as('city-a', ['dispatcher'])('GET', `/v1/requests/${res.body.id}/requester?purpose=contact-requester`)).status).toBe(403);
  });

  it('keeps a confidential requester out of events and views, and visible to supervisors only', async () => {
    const res = await agent('POST', '/v1/requests', contact({ requester: { ...REQUESTER, confidential: true }, requestType: 'report' }));
    expect(res.body.requester).toEqual({ anonymous: false, name: '', phone: '', confidential: true });
    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    expect(accepted?.request).toMatchObject({ requesterMaskedName: '', requesterMaskedPhone: '', confidential: true, anonymous: false });
    expect((await agent('GET', `/v1/requests/${res.body.id}/requester?purpose=contact-requester`)).status).toBe(403);
    const clear = await supervisor('GET', `/v1/requests/${res.body.id}/requester?purpose=contact-requester`);
    expect(clear).toMatchObject({ status: 200, body: { name: REQUESTER.name, phone: REQUESTER.phone, confidential: true } });
    const audit = await sut.service.context.db.run('city-a', (m) =>
      m.query(`select roles from pii_access_log where request_id = $1`, [res.body.id]),
    );
    expect(audit).toEqual([{ roles: ['supervisor'] }]);
  });

  it('registers an anonymous requester with no identity stored, shown or sent', async () => {
    const res = await agent('POST', '/v1/requests', contact({ requester: { anonymous: true, confidential: true }, requestType: 'report' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ anonymous: true, confidential: false, requester: { anonymous: true } });
    expect(res.body.requester).toEqual({ anonymous: true });
    const [row] = await sut.service.context.db.run('city-a', (m) =>
      m.query(
        `select anonymous, confidential, requester_name_enc, requester_phone_enc, requester_id_number_enc, requester_address_enc
         from requests where id = $1`,
        [res.body.id],
      ),
    );
    expect(row).toEqual({
      anonymous: true,
      confidential: false,
      requester_name_enc: null,
      requester_phone_enc: null,
      requester_id_number_enc: null,
      requester_address_enc: null,
    });
    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    expect(accepted?.request).toMatchObject({ anonymous: true, confidential: false, requesterMaskedName: '', requesterMaskedPhone: '' });
    expect((await agent('GET', `/v1/requests/${res.body.id}`)).body.requester).toEqual({ anonymous: true });

    // The clear read has nothing to disclose: it says so, and no disclosure is logged.
    const clear = await agent('GET', `/v1/requests/${res.body.id}/requester?purpose=contact-requester`);
    expect(clear).toMatchObject({ status: 200, body: { requestId: res.body.id, number: res.body.number, anonymous: true } });
    expect(Object.keys(clear.body).sort()).toEqual(['anonymous', 'number', 'requestId']);
    const audit = await sut.service.context.db.run('city-a', (m) => m.query(`select 1 from pii_access_log where request_id = $1`, [res.body.id]));
    expect(audit).toEqual([]);
  });

  it('refuses identity for an anonymous requester, and an anonymous row with identity at the database', async () => {
    const before = await count();
    const res = await agent('POST', '/v1/requests', contact({ requester: { anonymous: true, name: '张三', phone: '13812345678' } }));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['requester.name', 'requester.phone']);
    const missing = await agent('POST', '/v1/requests', contact({ requester: { anonymous: false, name: '张三' } }));
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['requester.phone']);
    expect(await count()).toBe(before);
    const named = await agent('POST', '/v1/requests', contact());
    await expect(
      sut.service.context.db.run('city-a', (m) => m.query(`update requests set anonymous = true where id = $1`, [named.body.id])),
    ).rejects.toThrow(/requests_requester_identity/);
  });

  it("takes only the tenant's enabled channels from agents", async () => {
    const before = await count();
    for (const channel of ['carrier-pigeon', 'old-sms']) {
      const res = await agent('POST', '/v1/requests', contact({ channel }));
      expect(res).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['channel']);
    }
    // Another tenant's channel is no channel here.
    await sut.as('city-b', ['tenant-admin'])('POST', '/v1/channels', { code: 'hotline-b', name: 'B', kind: 'phone' });
    expect((await agent('POST', '/v1/requests', contact({ channel: 'hotline-b' }))).body.errors[0].field).toBe('channel');
    expect(await count()).toBe(before);
    const wechat = await agent('POST', '/v1/requests', contact({ channel: 'wechat' }));
    expect(wechat).toMatchObject({ status: 201, body: { channel: 'wechat' } });
  });

  it('takes national division codes as area codes and nothing else', async () => {
    const before = await count();
    for (const areaCode of ['3', '32010', '3201020', '3201020010011', 'abc']) {
      const res = await agent('POST', '/v1/requests', contact({ areaCode }));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['areaCode']);
    }
    expect(await count()).toBe(before);
    for (const areaCode of ['32', '3201', '320102001', '320102001001'])
      expect((await agent('POST', '/v1/requests', contact({ areaCode }))).body.areaCode).toBe(areaCode);
  });

  it('lets a reviewer read the request it reviews, masked, and never the clear identity', async () => {
    const res = await agent('POST', '/v1/requests', contact());
    const reviewer = sut.as('city-a', ['reviewer']);
    const read = await reviewer('GET', `/v1/requests/${res.body.id}`);
    expect(read).toMatchObject({ status: 200, body: { id: res.body.id, requester: { name: '张**', phone: '138****5678' } } });
    expect(JSON.stringify(read.body)).not.toContain(REQUESTER.phone);
    expect((await reviewer('GET', `/v1/requests/${res.body.id}/requester?purpose=contact-requester`)).status).toBe(403);
  });

  it('answers bad input with 400 problems naming each field, and writes nothing', async () => {
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
    expect(await fields(contact({ categoryCode: '999', channel: 'fax' }))).toEqual(['channel', 'categoryCode']);
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
    expect((await asB('GET', `/v1/requests/${res.body.id}/requester?purpose=contact-requester`)).status).toBe(404);
    expect((await asB('GET', '/v1/requests')).body).toMatchObject({ items: [], total: 0 });
    expect((await asB('GET', '/v1/categories')).body).toMatchObject({ version: 0, items: [] });
  });
});
