import { Events } from '@hotline/contracts';
import { PiiCipher } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { configureTenant, contact, outboxEvents } from './intake-fixtures';
import { dispatched, PRIMARY, queued } from './lifecycle-events';

// What a caller says on the phone: a mobile, a resident id (valid check digit), a bank card (Luhn).
const PHONE = '13900001111';
const ID_NUMBER = '110101199003074514';
const CARD = '6222021234567890128';
const TITLE = `银行卡被盗刷，请回电${PHONE}`;
const CONTENT = `本人身份证${ID_NUMBER}，名下银行卡${CARD}昨日被盗刷两万元`;
const MASKED_TITLE = '银行卡被盗刷，请回电139****1111';
const MASKED_CONTENT = '本人身份证110101********4514，名下银行卡6222********0128昨日被盗刷两万元';
const ANSWER = `已告知携带身份证到派出所报案，民警联系电话 025-84561234`;
const MASKED_ANSWER = '已告知携带身份证到派出所报案，民警联系电话 025-****1234';
const SECRETS = [PHONE, ID_NUMBER, CARD, '84561234'];

describe('personal data in free text (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const agent = (...a: [string, string, unknown?]) => sut.as('city-a', ['agent'])(...a);
  const supervisor = (...a: [string, string, unknown?]) => sut.as('city-a', ['supervisor'])(...a);
  const row = async (id: string) =>
    (
      await sut.service.context.db.run('city-a', (m) =>
        m.query(`select title, title_enc, content, content_enc, outcome_detail, outcome_detail_enc from requests where id = $1`, [id]),
      )
    )[0];
  const outboxBytes = async (id: string): Promise<Buffer[]> =>
    (await sut.service.context.dataSource.query(`select payload from outbox where aggregate_id = $1`, [id])).map((r: { payload: Buffer }) => r.payload);
  const accessLog = (id: string) =>
    sut.service.context.db.run('city-a', (m) => m.query(`select subject, roles, fields, purpose, note from pii_access_log where request_id = $1 order by id`, [id]));
  const expectNoSecret = (text: string) => {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    await configureTenant(sut, 'city-a');
  });
  afterAll(() => sut?.close());

  it('stores a phone, an id number and a bank card in title, content and answer only as ciphertext, masked everywhere else', async () => {
    const res = await agent('POST', '/v1/requests', contact({ title: TITLE, content: CONTENT, scope: { decision: 'direct-answer', answer: ANSWER } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: MASKED_TITLE, content: MASKED_CONTENT, scope: { detail: MASKED_ANSWER } });

    const stored = await row(res.body.id);
    expect(stored).toMatchObject({ title: MASKED_TITLE, content: MASKED_CONTENT, outcome_detail: MASKED_ANSWER });
    const cipher = new PiiCipher(Buffer.alloc(32, 7));
    for (const [blob, clear] of [[stored.title_enc, TITLE], [stored.content_enc, CONTENT], [stored.outcome_detail_enc, ANSWER]] as const) {
      for (const secret of SECRETS) expect((blob as Buffer).includes(Buffer.from(secret))).toBe(false);
      expect(cipher.decrypt('city-a', blob as Buffer)).toBe(clear);
    }

    const [closed] = await outboxEvents(sut, Events.intake.requestClosedAtIntake, res.body.id);
    expect(closed).toMatchObject({ detail: MASKED_ANSWER, request: { title: MASKED_TITLE, content: MASKED_CONTENT } });
    for (const payload of await outboxBytes(res.body.id)) expectNoSecret(payload.toString('latin1') + payload.toString('utf8'));

    const views = [res.body, (await agent('GET', `/v1/requests/${res.body.id}`)).body, (await supervisor('GET', '/v1/requests?limit=200')).body];
    for (const view of views) expectNoSecret(JSON.stringify(view));
    expect(views[1]).toMatchObject({ title: MASKED_TITLE, content: MASKED_CONTENT, scope: { detail: MASKED_ANSWER } });
  });

  it('announces an accepted request with the masked brief, and masks what other services write into the timeline', async () => {
    const res = await agent('POST', '/v1/requests', contact({ content: CONTENT }));
    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    expect(accepted?.request).toMatchObject({ title: MASKED_CONTENT.slice(0, 30), content: MASKED_CONTENT });
    expectNoSecret(JSON.stringify(accepted));

    await publishEvent(sut, Events.dispatch.requestQueued, 'city-a', { ...queued(accepted!.request!, 1), reason: `来电人留言 ${PHONE}` });
    const timeline = await eventually('the queued step', async () => {
      const steps = (await agent('GET', `/v1/requests/${res.body.id}`)).body.timeline;
      return steps.length >= 2 ? steps : undefined;
    });
    expect(timeline.map((t: { note: string }) => t.note)).toContain('来电人留言 139****1111');
    const notes = await sut.service.context.db.run('city-a', (m) => m.query(`select note from request_timeline where request_id = $1`, [res.body.id]));
    expectNoSecret(JSON.stringify(notes));
  });

  it('reads the clear text only with a stated purpose, and logs who read which fields, why and when', async () => {
    const res = await agent('POST', '/v1/requests', contact({ title: TITLE, content: CONTENT, scope: { decision: 'direct-answer', answer: ANSWER } }));
    for (const query of ['', '?purpose=curiosity', '?note=x']) {
      const refused = await agent('GET', `/v1/requests/${res.body.id}/text${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('query.purpose');
    }
    const requesterRefused = await agent('GET', `/v1/requests/${res.body.id}/requester`);
    expect(requesterRefused).toMatchObject({ status: 400, body: { errors: [{ field: 'query.purpose' }] } });
    expect(await accessLog(res.body.id)).toEqual([]);

    const clear = await agent('GET', `/v1/requests/${res.body.id}/text?purpose=verify-identity&note=${encodeURIComponent(`核对身份证 ${ID_NUMBER}`)}`);
    expect(clear).toMatchObject({
      status: 200,
      body: { requestId: res.body.id, number: res.body.number, title: TITLE, content: CONTENT, scope: { decision: 'direct-answer', detail: ANSWER } },
    });
    expect(clear.body.revealed).toEqual(['title', 'content', 'scope.detail']);
    expect(await accessLog(res.body.id)).toEqual([
      { subject: 'city-a:user', roles: ['agent'], fields: ['title', 'content', 'scope.detail'], purpose: 'verify-identity', note: '核对身份证 110101********4514' },
    ]);
  });

  it("discloses nothing, and logs nothing, for text without personal data", async () => {
    const res = await agent('POST', '/v1/requests', contact({ title: '电梯停运', content: '3号楼电梯停运三天' }));
    const clear = await agent('GET', `/v1/requests/${res.body.id}/text?purpose=handle-request`);
    expect(clear.body).toMatchObject({ title: '电梯停运', content: '3号楼电梯停运三天', revealed: [] });
    expect(await accessLog(res.body.id)).toEqual([]);
  });

  it("lets the primary unit's staff read the text of its request, no other unit, and a confidential one only supervisors", async () => {
    const res = await agent('POST', '/v1/requests', contact({ content: CONTENT }));
    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    const asUnit = async (unit: string, path: string) => sut.request('GET', path, await sut.token('city-a', ['unit-operator'], unit));
    const path = `/v1/requests/${res.body.id}/text?purpose=handle-request`;
    // Staff tokens carry their unit's code (the `unit` claim), as dispatch's directory and handling know it.
    expect((await asUnit('xw-zj', path)).status).toBe(403); // not dispatched yet
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(accepted!.request!, 2));
    await eventually('the dispatch', async () => (await agent('GET', `/v1/requests/${res.body.id}`)).body.primaryUnitId === PRIMARY);
    expect(await asUnit('xw-zj', path)).toMatchObject({ status: 200, body: { content: CONTENT } });
    expect((await asUnit(PRIMARY, path)).status).toBe(403); // an id is not a unit code
    expect((await asUnit('xw-jd', path)).status).toBe(403);
    expect((await asUnit('xw-zj', `/v1/requests/${res.body.id}/requester?purpose=contact-requester`)).status).toBe(403);
    expect((await sut.as('city-a', ['dispatcher'])('GET', path)).status).toBe(403);
    expect((await accessLog(res.body.id)).map((l: { roles: string[] }) => l.roles)).toEqual([['unit-operator']]);

    const secret = await agent('POST', '/v1/requests', contact({ content: CONTENT, requester: { name: '王五', phone: PHONE, confidential: true } }));
    expect((await agent('GET', `/v1/requests/${secret.body.id}/text?purpose=handle-request`)).status).toBe(403);
    expect((await supervisor('GET', `/v1/requests/${secret.body.id}/text?purpose=supervision`)).body.content).toBe(CONTENT);
  });
});
