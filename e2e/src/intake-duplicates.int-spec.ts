import { EventDefinition, Events } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../../services/intake/src/intake.service';

// Duplicates and 并单 on the real intake (PostgreSQL with pg_trgm, NATS): a repeat found across
// channels by the keyed hash of its requester's phone and by its text, merged into its master,
// never dispatched, following the master to closure; a 信访 case named twice is flagged.
describe('intake duplicates and 并单 (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const T = 'city-a';
  const agent = (...a: [string, string, unknown?]) => sut.as(T, ['agent'])(...a);
  const PHONE = '13812345678';

  const outbox = async <E>(def: EventDefinition<E>, aggregateId: string): Promise<E[]> => {
    const rows: Array<{ payload: Buffer }> = await sut.service.context.dataSource.query(
      `select payload from outbox where event_type = $1 and aggregate_id = $2 order by seq`,
      [def.type, aggregateId],
    );
    return rows.map((r) => def.codec.decode(r.payload));
  };

  const phoneContact = (overrides: Record<string, unknown> = {}) => ({
    channel: 'phone',
    requester: { name: '张三丰', phone: PHONE, address: '南京市玄武区中山路1号' },
    title: '电梯停运',
    content: '中山路1号3号楼电梯停运三天，物业一直不处理，老人上下楼困难',
    areaCode: '320102',
    requestType: 'complaint',
    urgency: 'normal',
    categoryCode: '010101',
    scope: { decision: 'in-scope' },
    ...overrides,
  });

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    const admin = sut.as(T, ['tenant-admin']);
    for (const channel of [
      { code: 'phone', name: '12345 热线电话', kind: 'phone' },
      { code: 'web', name: '网上诉求平台', kind: 'web' },
    ])
      expect((await admin('POST', '/v1/channels', channel)).status).toBe(201);
    const taxonomy = await admin('PUT', '/v1/categories', {
      categories: [
        { code: '01', name: '城乡建设', level: 1 },
        { code: '0101', name: '住房保障', parentCode: '01', level: 2 },
        { code: '010101', name: '物业管理', parentCode: '0101', level: 3 },
      ],
    });
    expect(taxonomy.status).toBe(200);
  });
  afterAll(() => sut?.close());

  it('finds an online submission as the candidate of a phone call by the same requester, merges the call and lets it follow the master to closure', async () => {
    // An unrelated request of the same area, and one by someone else on another matter.
    await agent('POST', '/v1/requests', phoneContact({ requester: { name: '李四', phone: '13900001111' }, title: '路灯不亮', content: '北京东路路灯连续一周不亮，夜间行人不便' }));
    const online = await fetch(`${sut.service.httpUrl}/v1/public/${T}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requester: { name: '张三丰', phone: `+86-138-1234-5678` },
        title: '3号楼电梯坏了',
        content: '中山路1号3号楼电梯停运三天了，物业不处理，老人上下楼很困难',
        areaCode: '320102',
        requestType: 'complaint',
      }),
    });
    expect(online.status).toBe(201);
    const { number: masterNumber } = (await online.json()) as { number: string };
    const list = await agent('GET', '/v1/requests?limit=200');
    const masterId = list.body.items.find((r: { number: string }) => r.number === masterNumber).id as string;
    // An agent takes it in scope from the online queue: a waiting submission cannot take a repeat yet.
    const early = await agent('POST', '/v1/requests', phoneContact({ duplicateOf: masterId }));
    expect(early).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'duplicateOf', message: expect.stringContaining('online queue') })] } });
    const decided = await agent('POST', `/v1/online-queue/${masterId}/decision`, { requestType: 'complaint', urgency: 'normal', categoryCode: '010101', scope: { decision: 'in-scope' } });
    expect(decided.status).toBe(200);

    // While the agent enters the call: the online request, by the same (hashed) phone and a similar text.
    const probe = await agent('POST', '/v1/duplicate-candidates', {
      requester: { phone: PHONE },
      content: '中山路1号3号楼电梯停运三天，物业一直不处理',
      areaCode: '320102',
    });
    expect(probe.status).toBe(200);
    expect(probe.body.items[0]).toMatchObject({
      requestId: masterId,
      number: masterNumber,
      channel: 'web',
      reasons: ['same-requester', 'same-area', 'similar-text'],
    });
    expect(probe.body.items.map((c: { title: string }) => c.title)).not.toContain('路灯不亮');
    // Nothing of the probe is stored, and no clear phone is in the answer.
    expect(JSON.stringify(probe.body)).not.toContain(PHONE);

    const repeat = await agent('POST', '/v1/requests', phoneContact({ duplicateOf: masterId }));
    expect(repeat.status).toBe(201);
    expect(repeat.body).toMatchObject({ status: 'merged', mergedInto: { id: masterId, number: masterNumber, status: 'registered', closedAt: null } });
    // Never dispatched: no RequestAccepted, a RequestMerged for the others to count it once and revisit its requester too.
    expect(await outbox(Events.intake.requestAccepted, repeat.body.id)).toEqual([]);
    const [merged] = await outbox(Events.intake.requestMerged, repeat.body.id);
    expect(merged).toMatchObject({ masterRequestId: masterId, masterNumber, mergedBy: `${T}:user`, request: { requestId: repeat.body.id, requesterMaskedPhone: '138****5678' } });
    expect((await outbox(Events.intake.requestStatusChanged, repeat.body.id)).map((c) => [c.fromStatus, c.toStatus, c.reason])).toEqual([
      ['', 'registered', 'registered'],
      ['registered', 'merged', 'merged'],
    ]);
    expect((await agent('GET', `/v1/requests/${masterId}`)).body.repeats).toEqual([{ id: repeat.body.id, number: repeat.body.number }]);
    // A merged request is no candidate any more: its master is.
    const again = await agent('GET', `/v1/requests/${masterId}/duplicate-candidates`);
    expect(again.body.items.map((c: { requestId: string }) => c.requestId)).not.toContain(repeat.body.id);

    // The master goes its way through dispatch and revisit; the repeat shows its progress to closure.
    const [accepted] = await outbox(Events.intake.requestAccepted, masterId);
    const base = Math.ceil(Date.now() / 60_000) * 60_000;
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    await publishEvent(sut, Events.dispatch.requestDispatched, T, {
      request: accepted!.request!, assignments: [{ unitId: 'unit-1', unitName: '玄武区住建局', role: 'primary', unitCode: 'xw-zj' }],
      mode: 'catalog', catalogVersion: 1, dispatchedAt: at(1), dispatchedBy: '', attempt: 1, designated: false,
    });
    await publishEvent(sut, Events.revisit.requestClosed, T, {
      requestId: masterId, closedAt: at(2), resolved: true, satisfaction: 'satisfied', closedBy: 'agent-3', revisitOutcome: 'evaluated',
    });
    const followed = await eventually('the repeat shows its master closed', async () => {
      const body = (await agent('GET', `/v1/requests/${repeat.body.id}`)).body;
      return body.mergedInto.status === 'closed' ? body : undefined;
    });
    expect(followed).toMatchObject({ status: 'merged', mergedInto: { id: masterId, status: 'closed', closedAt: at(2) } });
    // The repeat's requester follows it publicly too, with the repeat's own number and code.
    const lookup = await fetch(`${sut.service.httpUrl}/v1/public/${T}/requests/${repeat.body.number}?code=${repeat.body.accessCode}`);
    const followedPublicly = await lookup.json();
    expect(followedPublicly).toMatchObject({ status: 'merged', mergedInto: { status: 'closed' } });
    // Without the master's number: another requester's, not this one's to know.
    expect(JSON.stringify(followedPublicly)).not.toContain(masterNumber);
    // The repeat was never a request of its own downstream: one RequestAccepted in all, the master's.
    const [{ n }] = await sut.service.context.dataSource.query(
      `select count(*)::int as n from outbox where event_type = $1 and aggregate_id in ($2, $3)`,
      [Events.intake.requestAccepted.type, masterId, repeat.body.id],
    );
    expect(n).toBe(1);
  });

  it('refuses to merge into a closed, merged or unknown request, or with a decision other than in-scope, writing nothing', async () => {
    const count = async () => (await sut.service.context.db.run(T, (m) => m.query(`select count(*)::int as n from requests`)))[0].n;
    const closed = await agent('POST', '/v1/requests', phoneContact({ scope: { decision: 'direct-answer', answer: '已答复' } }));
    const open = await agent('POST', '/v1/requests', phoneContact({ requester: { name: '王五', phone: '13700002222' } }));
    const repeat = await agent('POST', '/v1/requests', phoneContact({ duplicateOf: open.body.id }));
    const before = await count();
    for (const [body, message] of [
      [phoneContact({ duplicateOf: closed.body.id }), /only an open request/],
      [phoneContact({ duplicateOf: repeat.body.id }), /itself merged/],
      [phoneContact({ duplicateOf: '0191f0a0-0000-7000-8000-00000000000a' }), /no such request/],
      [phoneContact({ duplicateOf: open.body.id, scope: { decision: 'explained', reason: '解释' } }), /only with decision "in-scope"/],
    ] as const) {
      const res = await agent('POST', '/v1/requests', body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'duplicateOf', message: expect.stringMatching(message) }]);
    }
    expect(await count()).toBe(before);
    // Another tenant's request is unknown here.
    const other = await sut.as('city-b', ['agent'])('POST', '/v1/duplicate-candidates', { content: '电梯停运三天', areaCode: '320102' });
    expect(other.body.items).toEqual([]);
  });

  it('flags a second request naming the same 信访 case and offers the first as a candidate', async () => {
    const ref = { kind: 'petition', reference: '苏信〔2026〕0123' };
    const first = await agent('POST', '/v1/requests', phoneContact({ requester: { name: '赵六', phone: '13600003333' }, title: '拆迁补偿', content: '拆迁补偿款至今未发放', externalRefs: [ref] }));
    expect(first.body).toMatchObject({ externalRefs: [ref], sameCaseRequests: [] });
    const probe = await agent('POST', '/v1/duplicate-candidates', { content: '询问补偿标准', areaCode: '320104', externalRefs: [ref] });
    expect(probe.body.items).toEqual([expect.objectContaining({ requestId: first.body.id, reasons: ['same-external-reference'] })]);
    const second = await agent('POST', '/v1/requests', phoneContact({ requester: { name: '钱七', phone: '13500004444' }, title: '补偿', content: '询问补偿标准', areaCode: '320104', externalRefs: [ref, { kind: 'inspection', reference: 'DC-2026-77' }] }));
    expect(second.status).toBe(201);
    expect(second.body.sameCaseRequests).toEqual([{ ...ref, requestId: first.body.id, number: first.body.number }]);
    expect((await agent('GET', `/v1/requests/${first.body.id}`)).body.sameCaseRequests).toEqual([
      { ...ref, requestId: second.body.id, number: second.body.number },
    ]);
    const twice = await agent('POST', '/v1/requests', phoneContact({ externalRefs: [ref, ref] }));
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].field).toBe('externalRefs');
  });
});
