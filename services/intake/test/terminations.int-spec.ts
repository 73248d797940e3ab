import { Events, streamOf } from '@hotline/contracts';
import { renderNotification, signLocalToken } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually, TEST_AUTH_SECRET } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { intakeService } from '../src/intake.service';
import { configureTenant, contact, outboxEvents, publicFetch, REQUESTER } from './intake-fixtures';
import { dispatched, PRIMARY, signed } from './lifecycle-events';

const LEGAL_ROUTE = '如对处理结果不服，可依法向玄武区人民政府申请行政复议或向玄武区人民法院提起行政诉讼';
const MATTER = '小区门口违建商铺多次反映要求拆除，已依法处理完毕';

// 诉求终结 (issue 13, domain.md §11.3): proposed by hotline staff, approved by a second person
// (two-person rule), the request terminated with RequestStatusChanged and RequestTerminated in
// one transaction, the requester told; a later contact on the terminated matter is recognised
// and answered with the termination's legal route.
describe('intake terminations (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const tokens = new Map<string, string>();
  const as = (tenant: string, roles: Role[], subject: string) => async (method: string, path: string, body?: unknown) => {
    const key = JSON.stringify([tenant, roles, subject]);
    if (!tokens.has(key)) {
      await sut.token(tenant, roles); // registers the tenant in the directory
      tokens.set(key, await signLocalToken(TEST_AUTH_SECRET, { tenantId: tenant, roles, subject }));
    }
    return sut.request(method, path, tokens.get(key), body);
  };
  const agent = as('city-a', ['agent'], 'city-a:agent-1');
  const otherAgent = as('city-a', ['agent'], 'city-a:agent-2');
  const sup1 = as('city-a', ['supervisor'], 'city-a:sup-1');
  const sup2 = as('city-a', ['supervisor'], 'city-a:sup-2');
  const admin = as('city-a', ['tenant-admin'], 'city-a:admin-1');

  const register = async (over: Record<string, unknown> = {}, who = agent) => {
    const res = await who('POST', '/v1/requests', contact({ content: MATTER, ...over }));
    expect(res.status).toBe(201);
    return res.body as { id: string; number: string; accessCode: string; receivedAt: string; terminatedMatches: unknown[] };
  };
  const propose = (requestId: string, body: Record<string, unknown>, who = sup1) => who('POST', `/v1/requests/${requestId}/terminations`, body);
  const fields = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);
  const terminationsIn = async (tenant: string) =>
    (await sut.service.context.db.run(tenant, (m) => m.query(`select count(*)::int as n from request_terminations`)))[0].n as number;

  /** An earlier request and its repeat, dispatched: the repeat is terminated, the earlier one is the evidence. */
  let earlier: { id: string; number: string };
  let repeat: { id: string; number: string; accessCode: string };
  let terminationId: string;

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService, { env: { NOTIFY_POLL_MS: '50' } });
    await configureTenant(sut, 'city-a');
    await configureTenant(sut, 'city-b');
    earlier = await register();
    repeat = await register();
    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, repeat.id);
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(accepted!.request!, 1));
    await eventually('dispatched', async () => (await agent('GET', `/v1/requests/${repeat.id}`)).body.status === 'dispatched');
  });
  afterAll(() => sut?.close());

  it('proposes, refuses the proposer’s own approval (two-person rule), and terminates on a second person’s approval in one transaction', async () => {
    const proposed = await propose(repeat.id, {
      reasonCode: 'repeated-no-new-facts',
      evidenceRequestNumbers: [earlier.number],
      legalRoute: LEGAL_ROUTE,
      note: '同一事项已答复三次，来电人无新事实理由',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      requestId: repeat.id,
      state: 'proposed',
      reasonCode: 'repeated-no-new-facts',
      evidenceRequestNumbers: [earlier.number],
      legalRoute: LEGAL_ROUTE,
      proposedBy: 'city-a:sup-1',
      decidedBy: null,
    });
    terminationId = proposed.body.id;
    const path = `/v1/requests/${repeat.id}/terminations/${terminationId}`;

    // One open proposal per request.
    const second = await propose(repeat.id, { reasonCode: 'malicious-use', legalRoute: LEGAL_ROUTE }, admin);
    expect(second).toMatchObject({ status: 409, body: { code: 'termination_open' } });

    // The proposer holds an approver's role, and still may not decide their own proposal.
    for (const action of ['approve', 'refuse'] as const) {
      const own = await sup1('POST', `${path}/${action}`, action === 'refuse' ? { reason: '自批' } : undefined);
      expect(own.status).toBe(403);
      expect(own.type).toContain('application/problem+json');
      expect(own.body).toMatchObject({ code: 'two_person_rule' });
      expect(own.body.detail).toContain('two-person rule');
    }
    // An agent proposes but never decides, and withdraws only their own.
    expect((await agent('POST', `${path}/approve`)).status).toBe(403);
    expect((await agent('POST', `${path}/withdraw`)).status).toBe(403);
    expect((await agent('GET', `/v1/requests/${repeat.id}`)).body).toMatchObject({ status: 'dispatched', termination: { id: terminationId, state: 'proposed' } });

    const before = await outboxEvents(sut, Events.intake.requestStatusChanged, repeat.id);
    const approved = await sup2('POST', `${path}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: terminationId, state: 'approved', proposedBy: 'city-a:sup-1', decidedBy: 'city-a:sup-2' });
    expect((await sup2('POST', `${path}/approve`)).body).toMatchObject({ code: 'termination_decided', status: 409 });

    const detail = (await agent('GET', `/v1/requests/${repeat.id}`)).body;
    expect(detail).toMatchObject({ status: 'terminated', termination: { id: terminationId, state: 'approved' } });
    expect(detail.closedAt).toBe(approved.body.decidedAt);
    expect(detail.timeline.map((t: { eventType: string }) => t.eventType)).toEqual(
      expect.arrayContaining(['intake.termination-proposed', 'intake.terminated']),
    );
    const step = detail.timeline.find((t: { eventType: string }) => t.eventType === 'intake.terminated');
    expect(step).toMatchObject({ status: 'terminated', reason: 'terminated', changedStatus: true, actor: 'city-a:sup-2', note: 'terminated: repeated-no-new-facts' });

    // RequestStatusChanged with reason terminated and the next sequence, and RequestTerminated, in the outbox …
    const changes = await outboxEvents(sut, Events.intake.requestStatusChanged, repeat.id);
    expect(changes).toHaveLength(before.length + 1);
    expect(changes.at(-1)).toMatchObject({
      fromStatus: 'dispatched',
      toStatus: 'terminated',
      reason: 'terminated',
      actor: 'city-a:sup-2',
      sequence: String(before.length + 1),
      at: approved.body.decidedAt,
    });
    const [terminated] = await outboxEvents(sut, Events.intake.requestTerminated, repeat.id);
    expect(terminated).toEqual({
      requestId: repeat.id,
      number: repeat.number,
      terminationId,
      reasonCode: 'repeated-no-new-facts',
      evidenceRequestNumbers: [earlier.number],
      hearingRecord: '',
      legalRoute: LEGAL_ROUTE,
      proposedBy: 'city-a:sup-1',
      approvedBy: 'city-a:sup-2',
      terminatedAt: approved.body.decidedAt,
    });
    // … and on intake's stream.
    const stream = streamOf(sut.namespace, 'intake').name;
    const message = await eventually('RequestTerminated on the stream', () =>
      sut.service.context.bus.jsm.streams.getMessage(stream, { last_by_subj: `${sut.namespace}.hl.intake.v1.city-a.request.terminated` }),
    );
    expect(Events.intake.requestTerminated.codec.decode(message!.data)).toMatchObject({ requestId: repeat.id, terminationId });

    // The requester is told, by SMS to the phone intake keeps: codes only in the notification.
    const [notice] = await eventually('notified', async () => {
      const body = (await sup2('GET', `/v1/notifications?template=request-terminated-requester&requestId=${repeat.id}`)).body;
      return body.items?.length === 1 && body.items[0].status === 'delivered' ? body.items : undefined;
    });
    expect(notice).toMatchObject({
      recipientKind: 'requester',
      recipientRef: repeat.id,
      recipient: '138****5678',
      channel: 'sms',
      sourceRef: `termination:${terminationId}`,
      params: { requestNumber: repeat.number, reasonCode: 'repeated-no-new-facts', terminatedAt: approved.body.decidedAt },
    });
    expect(renderNotification('request-terminated-requester', notice.params, 'Asia/Shanghai')).toContain(`编号${repeat.number}`);

    // The public lookup shows 已终结 with the legal route, and no member of staff.
    const lookup = await publicFetch(sut, 'GET', `/v1/public/city-a/requests/${repeat.number}?code=${repeat.accessCode}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body.status).toBe('terminated');
    expect(lookup.body.timeline.at(-1)).toEqual({ status: 'terminated', at: approved.body.decidedAt, reasonCode: 'repeated-no-new-facts', legalRoute: LEGAL_ROUTE });
    expect(lookup.text).not.toMatch(/sup-|agent-|city-a:/);

    // A late lifecycle event does not reopen it; the history holds the one proposal.
    const late = await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(repeat.id, PRIMARY, 5));
    await eventually('consumed', async () => (await sut.service.context.dataSource.query(`select 1 from inbox where message_id = $1`, [late])).length > 0);
    expect((await agent('GET', `/v1/requests/${repeat.id}`)).body.status).toBe('terminated');
    const history = await agent('GET', `/v1/requests/${repeat.id}/terminations`);
    expect(history.body.items.map((t: { id: string; state: string }) => [t.id, t.state])).toEqual([[terminationId, 'approved']]);
    // A terminated request is closed: no new proposal.
    expect((await propose(repeat.id, { reasonCode: 'malicious-use', legalRoute: LEGAL_ROUTE }, admin)).status).toBe(409);
  });

  it('answers bad input with 400 problems naming the field, storing nothing', async () => {
    const target = await register({ content: '校验用诉求' });
    const later = await register({ content: '更晚的诉求' });
    const before = await terminationsIn('city-a');
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ reasonCode: 'malicious-use' }, ['legalRoute']],
      [{ reasonCode: 'no-such-reason', legalRoute: LEGAL_ROUTE }, ['reasonCode']],
      [{ reasonCode: 'repeated-no-new-facts', legalRoute: LEGAL_ROUTE }, ['evidenceRequestNumbers']],
      [{ reasonCode: 'repeated-no-new-facts', legalRoute: LEGAL_ROUTE, evidenceRequestNumbers: [] }, ['evidenceRequestNumbers']],
      [{ reasonCode: 'hearing-found-unreasonable', legalRoute: LEGAL_ROUTE }, ['hearingRecord']],
      [{ reasonCode: 'repeated-no-new-facts', legalRoute: LEGAL_ROUTE, evidenceRequestNumbers: ['not a number'] }, ['evidenceRequestNumbers.0']],
      [{ reasonCode: 'repeated-no-new-facts', legalRoute: LEGAL_ROUTE, evidenceRequestNumbers: [earlier.number, 'a-20000101-000001'] }, ['evidenceRequestNumbers.1']],
      [{ reasonCode: 'repeated-no-new-facts', legalRoute: LEGAL_ROUTE, evidenceRequestNumbers: [later.number] }, ['evidenceRequestNumbers.0']],
      [{ reasonCode: 'malicious-use', legalRoute: LEGAL_ROUTE, extra: 1 }, ['(body)']],
    ];
    for (const [body, expected] of cases) {
      const res = await propose(target.id, body);
      expect([res.status, res.body.code, fields(res)]).toEqual([400, 'validation_failed', expected]);
    }
    const evidenceOfLater = await propose(target.id, { reasonCode: 'repeated-no-new-facts', legalRoute: LEGAL_ROUTE, evidenceRequestNumbers: [later.number] });
    expect(evidenceOfLater.body.errors[0].message).toMatch(/not an earlier request/);
    expect(fields(await propose('not-a-uuid', { reasonCode: 'malicious-use', legalRoute: LEGAL_ROUTE }))).toEqual(['id']);
    expect((await propose('0191f0a0-0000-7000-8000-00000000dead', { reasonCode: 'malicious-use', legalRoute: LEGAL_ROUTE })).status).toBe(404);
    expect((await as('city-a', ['unit-operator'], 'city-a:op-1')('POST', `/v1/requests/${target.id}/terminations`, { reasonCode: 'malicious-use', legalRoute: LEGAL_ROUTE })).status).toBe(403);
    expect(await terminationsIn('city-a')).toBe(before);

    const open = await propose(target.id, { reasonCode: 'hearing-found-unreasonable', hearingRecord: '玄武区听证〔2026〕3号', legalRoute: LEGAL_ROUTE });
    expect(open.status).toBe(201);
    const path = `/v1/requests/${target.id}/terminations`;
    expect(fields(await sup2('POST', `${path}/${open.body.id}/refuse`, {}))).toEqual(['reason']);
    expect(fields(await sup2('POST', `${path}/not-a-uuid/approve`))).toEqual(['terminationId']);
    expect((await sup2('POST', `${path}/0191f0a0-0000-7000-8000-00000000dead/approve`)).status).toBe(404);
    expect(fields(await sup2('GET', '/v1/terminations?state=open'))).toEqual(['query.state']);
  });

  it('refuses a proposal for a closed or final request with 409', async () => {
    const answered = await register({ scope: { decision: 'direct-answer', answer: '请携带身份证到窗口办理' } });
    const notAccepted = await register({ scope: { decision: 'legal-route', reason: '请向法院起诉' } });
    for (const request of [answered, notAccepted]) {
      const res = await propose(request.id, { reasonCode: 'malicious-use', legalRoute: LEGAL_ROUTE });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/only an open request is terminated/);
    }
  });

  it('lets the proposer withdraw and a second person refuse, the request going on; the queue pages on the server', async () => {
    const request = await register({ content: '撤回与不予批准' });
    const path = `/v1/requests/${request.id}/terminations`;
    const first = await propose(request.id, { reasonCode: 'unreasonable-demand', legalRoute: LEGAL_ROUTE }, agent);
    expect((await otherAgent('POST', `${path}/${first.body.id}/withdraw`)).status).toBe(403);
    expect((await agent('POST', `${path}/${first.body.id}/withdraw`)).body).toMatchObject({ state: 'withdrawn', decidedBy: 'city-a:agent-1' });
    const second = await propose(request.id, { reasonCode: 'found-untrue', legalRoute: LEGAL_ROUTE }, otherAgent);
    expect(second.status).toBe(201);

    const queue = (await sup1('GET', '/v1/terminations?state=proposed&limit=1&offset=0')).body;
    expect(queue).toMatchObject({ limit: 1, offset: 0 });
    expect(queue.items).toHaveLength(1);
    expect(queue.total).toBeGreaterThanOrEqual(2);
    const all = (await sup1('GET', `/v1/terminations?state=proposed&limit=200`)).body.items;
    expect(all.every((t: { state: string }) => t.state === 'proposed')).toBe(true);
    expect(all.find((t: { id: string }) => t.id === second.body.id)).toMatchObject({ requestNumber: request.number, requestStatus: 'registered' });
    // Oldest first: the longest waiting is decided first.
    const times = all.map((t: { proposedAt: string }) => t.proposedAt);
    expect(times).toEqual([...times].sort());

    const refused = await admin('POST', `${path}/${second.body.id}/refuse`, { reason: '尚有新的事实，需继续办理' });
    expect(refused.body).toMatchObject({ state: 'refused', decidedBy: 'city-a:admin-1', decisionNote: '尚有新的事实，需继续办理' });
    const detail = (await agent('GET', `/v1/requests/${request.id}`)).body;
    expect(detail).toMatchObject({ status: 'registered', closedAt: null, termination: null });
    expect(detail.timeline.map((t: { eventType: string }) => t.eventType)).toEqual([
      'intake.registered',
      'intake.termination-proposed',
      'intake.termination-withdrawn',
      'intake.termination-proposed',
      'intake.termination-refused',
    ]);
    expect((await agent('GET', `${path}`)).body.items.map((t: { state: string }) => t.state)).toEqual(['withdrawn', 'refused']);
    expect((await sup1('GET', '/v1/terminations?state=refused')).body.items.map((t: { id: string }) => t.id)).toContain(second.body.id);
  });

  it('keeps tenants apart', async () => {
    const supB = as('city-b', ['supervisor'], 'city-b:sup-1');
    const request = await register({ content: '租户隔离' });
    const open = await propose(request.id, { reasonCode: 'malicious-use', legalRoute: LEGAL_ROUTE });
    expect((await supB('POST', `/v1/requests/${request.id}/terminations/${open.body.id}/approve`)).status).toBe(404);
    expect((await supB('POST', `/v1/requests/${request.id}/terminations`, { reasonCode: 'malicious-use', legalRoute: LEGAL_ROUTE })).status).toBe(404);
    expect((await supB('GET', `/v1/requests/${request.id}/terminations`)).status).toBe(404);
    expect((await supB('GET', '/v1/terminations')).body).toMatchObject({ items: [], total: 0 });
    expect(await terminationsIn('city-b')).toBe(0);
    expect(await terminationsIn('city-a')).toBeGreaterThan(0);
    // city-b cannot answer a contact as city-a's terminated matter.
    const res = await as('city-b', ['agent'], 'city-b:agent-1')('POST', '/v1/requests', contact({ scope: { decision: 'terminated-matter', terminatedRequestId: repeat.id } }));
    expect([res.status, fields(res)]).toEqual([400, ['scope.terminatedRequestId']]);
    expect((await sup1('GET', `/v1/requests/${request.id}`)).body.termination).toMatchObject({ id: open.body.id, state: 'proposed' });
  });

  it('recognises a repeated contact of the same phone and answers it with the terminated matter’s legal route', async () => {
    const mark = { terminationId, reasonCode: 'repeated-no-new-facts', legalRoute: LEGAL_ROUTE, terminatedAt: expect.any(String) };
    // While the contact is entered: the candidate is marked, and the terminated matter listed.
    const probe = await agent('POST', '/v1/duplicate-candidates', { requester: { phone: `+86${REQUESTER.phone}` }, content: '另一件事', areaCode: '320102' });
    expect(probe.status).toBe(200);
    expect(probe.body.items.find((c: { requestId: string }) => c.requestId === repeat.id)).toMatchObject({ status: 'terminated', termination: mark });
    expect(probe.body.items.find((c: { requestId: string }) => c.requestId === earlier.id)).toMatchObject({ termination: null });
    expect(probe.body.terminatedMatches).toEqual([expect.objectContaining({ requestId: repeat.id, number: repeat.number, reasons: ['same-requester'], termination: mark })]);
    // Another phone: similar text in the same category is the same matter, in another category it is not.
    const otherPhone = { requester: { phone: '13900001111' }, content: MATTER, areaCode: '320102' };
    const sameCategory = (await agent('POST', '/v1/duplicate-candidates', { ...otherPhone, categoryCode: '010101' })).body.terminatedMatches;
    expect(sameCategory.map((m: { requestId: string; reasons: string[] }) => [m.requestId, m.reasons])).toEqual([[repeat.id, ['similar-text']]]);
    expect((await agent('POST', '/v1/duplicate-candidates', { ...otherPhone, categoryCode: '0101' })).body.terminatedMatches).toEqual([]);

    // Registered as a new contact, the response carries the match …
    const registered = await register({ content: '还是那件违建的事' });
    expect(registered.terminatedMatches).toEqual([expect.objectContaining({ requestId: repeat.id, reasons: ['same-requester'], termination: mark })]);

    // … and answered as a terminated matter: closed at intake with the legal route, linked to it.
    const answeredRes = await agent(
      'POST',
      '/v1/requests',
      contact({ content: '违建的事又来反映', scope: { decision: 'terminated-matter', terminatedRequestId: repeat.id } }),
    );
    expect(answeredRes.status).toBe(201);
    const answered = answeredRes.body;
    expect(answered).toMatchObject({
      status: 'not-accepted',
      scope: { decision: 'terminated-matter', detail: LEGAL_ROUTE },
      terminatedMatterOf: { id: repeat.id, number: repeat.number, status: 'terminated', termination: mark },
    });
    expect(answered.closedAt).toBeTruthy();
    expect(await outboxEvents(sut, Events.intake.requestAccepted, answered.id)).toEqual([]);
    const [closed] = await outboxEvents(sut, Events.intake.requestClosedAtIntake, answered.id);
    expect(closed).toMatchObject({ outcome: 'terminated-matter', detail: LEGAL_ROUTE, closedBy: 'city-a:agent-1' });
    expect((await outboxEvents(sut, Events.intake.requestStatusChanged, answered.id)).map((c) => [c.toStatus, c.reason])).toEqual([
      ['registered', 'registered'],
      ['not-accepted', 'terminated-matter'],
    ]);
    expect((await agent('GET', `/v1/requests/${repeat.id}`)).body.terminatedMatterRepeats).toEqual([
      { id: answered.id, number: answered.number, receivedAt: answered.receivedAt },
    ]);

    // The decision names a terminated request, and takes no reason of its own.
    const refusedCases: Array<[Record<string, unknown>, string[]]> = [
      [{ decision: 'terminated-matter' }, ['scope.terminatedRequestId']],
      [{ decision: 'terminated-matter', terminatedRequestId: repeat.id, reason: '重复' }, ['scope.reason']],
      [{ decision: 'terminated-matter', terminatedRequestId: earlier.id }, ['scope.terminatedRequestId']],
      [{ decision: 'legal-route', reason: '起诉', terminatedRequestId: repeat.id }, ['scope.terminatedRequestId']],
    ];
    for (const [scope, expected] of refusedCases) {
      const res = await agent('POST', '/v1/requests', contact({ scope }));
      expect([res.status, fields(res)]).toEqual([400, expected]);
    }
  });
});
