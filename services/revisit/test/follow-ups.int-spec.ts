import { addDays } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { followUpDueAt, localToday } from '@hotline/revisit-domain';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { FOLLOW_UP_DUE_TIMER } from '../src/follow-ups/follow-up-changes';
import { revisitService } from '../src/revisit.service';
import { REVISIT_WINDOW_TIMER } from '../src/revisits/start-revisit';
import { answered, brief, created, Lifecycle, publishedEvents, query } from './lifecycle-helpers';

// 持续跟踪 (issue 13), on the real database and broker: a request that cannot be solved now closes
// into a follow-up with a date, on a reviewer's judgement of its evaluation or straight from its
// revisit; the date's durable timer makes it due, its unit reports, the hotline revisits and ends
// it or sets the next date. Every change is kept in its history and published as FollowUpChanged.
describe('revisit: follow-ups (持续跟踪)', () => {
  let sut: ServiceUnderTest;
  let life: Lifecycle;
  const ZONE = 'Asia/Shanghai';
  const today = () => localToday(new Date(), ZONE);
  const reviewer = (tenantId: string) => sut.as(tenantId, ['reviewer']);
  const asUnit = (tenantId: string, unit: string | undefined, roles: Role[] = ['unit-operator']) =>
    async (method: string, path: string, body?: unknown) => sut.request(method, path, await sut.token(tenantId, roles, unit), body);
  const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field).sort();
  const progressOf = async (tenantId: string, requestId: string) =>
    (await query(sut, tenantId, `select status, closing_basis, skip_reason from request_progress where request_id = $1`, [requestId]))[0];
  const timerOf = async (tenantId: string, followUpId: string) =>
    (await query(sut, tenantId, `select state, due_at from timers where kind = $1 and key = $2`, [FOLLOW_UP_DUE_TIMER, followUpId]))[0];
  /** Brings a follow-up's timer due now, as the coming of its date would (the tests' way with durable timers). */
  async function dateComes(followUpId: string) {
    const [, changed] = await sut.service.context.dataSource.query(`update timers set due_at = now() where kind = $1 and key = $2 and state = 'pending'`, [
      FOLLOW_UP_DUE_TIMER, followUpId,
    ]);
    expect(changed).toBe(1);
  }
  const followUpIn = (tenantId: string, id: string, state: string) =>
    eventually(`follow-up ${id} ${state}`, async () => {
      const res = await reviewer(tenantId)('GET', `/v1/follow-ups/${id}`);
      return res.body?.state === state ? res.body : undefined;
    });
  const changes = async (tenantId: string, followUpId: string) =>
    (await publishedEvents(sut, tenantId)).filter((e) => e.type === Events.revisit.followUpChanged.type && e.payload.followUpId === followUpId).map((e) => e.payload);

  /** A request accepted, its primary order created for unit `housing`, answered, the answer passed review. */
  async function awaitingRevisit(tenantId: string) {
    const requestId = uuidv7();
    const workOrderId = uuidv7();
    await life.accept(tenantId, brief(requestId));
    await publishEvent(sut, Events.handling.workOrderCreated, tenantId, created(brief(requestId), workOrderId));
    await life.caseFileHas(tenantId, `select 1 from case_work_orders where work_order_id = $1 and unit_code = 'housing'`, [workOrderId]);
    const review = await life.answer(tenantId, answered(requestId, workOrderId, { answer: '该路段改造已列入明年规划，资金下达后实施。' }));
    expect((await life.decide(tenantId, review.id, { passed: true })).status).toBe(200);
    return { requestId, workOrderId, unitId: `unit-of-${workOrderId}` };
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(revisitService);
    life = new Lifecycle(sut);
  });

  afterAll(() => sut?.close());

  it('judges an unresolved evaluation as follow-up: closed into it, due on its date, reported, revisited, rescheduled, ended', async () => {
    const T = 'city-fu';
    const { requestId, workOrderId, unitId } = await awaitingRevisit(T);
    expect((await life.revisit(T, requestId, { resolved: undefined, resolution: 'unresolved', satisfaction: 'dissatisfied' })).status).toBe(201);
    const judge = (body: unknown) => reviewer(T)('POST', `/v1/revisits/${requestId}/judgement`, body);

    // Bad input names its fields; nothing is written.
    expect(fields((await judge({ judgement: 'follow-up', note: '资金未落实' })).body)).toEqual(['followUpOn', 'reason']);
    expect(fields((await judge({ judgement: 'reasonable', reasonable: false, note: 'x', reason: 'funding' })).body)).toEqual(['reason', 'reasonable']);
    expect(fields((await judge({ judgement: 'later', note: 'x' })).body)).toEqual(['judgement']);
    const base = { judgement: 'follow-up', reason: 'funding', note: '道路改造资金待下达，联系人 13812345678' };
    for (const followUpOn of [today(), addDays(today(), -3), addDays(today(), 367), '2025-02-30']) {
      const bad = await judge({ ...base, followUpOn });
      expect([bad.status, fields(bad.body)]).toEqual([400, ['followUpOn']]);
    }
    expect(await progressOf(T, requestId)).toMatchObject({ status: 'awaiting-judgement' });

    const firstDate = addDays(today(), 30);
    const judged = await judge({ ...base, followUpOn: firstDate });
    expect(judged.status).toBe(200);
    expect(judged.body.revisit).toMatchObject({ judgement: 'follow-up', judgementNote: '道路改造资金待下达，联系人 138****5678' });
    const followUp = judged.body.followUp;
    expect(followUp).toMatchObject({
      requestId, unitId, unitCode: 'housing', workOrderId, reason: 'funding', state: 'scheduled', dueOn: firstDate, round: 1,
      note: '道路改造资金待下达，联系人 138****5678', createdBy: 'city-fu:user', endedAt: null,
    });
    expect(judged.body.archive.record.closure).toEqual({
      closedAt: judged.body.revisit.judgedAt, closedBy: 'city-fu:user', outcome: 'evaluated', detail: null,
      followUp: { followUpId: followUp.id, reason: 'funding', followUpOn: firstDate, note: '道路改造资金待下达，联系人 138****5678' },
    });
    expect(judged.body.archive.record.revisit).toMatchObject({ resolution: 'unresolved', judgement: { judgement: 'follow-up' } });
    expect(await progressOf(T, requestId)).toEqual({ status: 'closed', closing_basis: 'follow-up', skip_reason: null });
    // The durable timer waits for the first instant of that date in the tenant's zone.
    const timer = await timerOf(T, followUp.id);
    expect([timer.state, new Date(timer.due_at).toISOString()]).toEqual(['pending', followUpDueAt(firstDate, ZONE).toISOString()]);
    expect((await judge({ ...base, followUpOn: firstDate })).status).toBe(409);

    // Handling reopens nothing: the judgement is not `reasonable`. The closure says it is a follow-up.
    const events = (await publishedEvents(sut, T)).filter((e) => e.payload.requestId === requestId);
    expect(events.find((e) => e.type === Events.revisit.evaluationJudged.type)?.payload).toMatchObject({ reasonable: false, judgement: 'follow-up', workOrderId });
    expect(events.find((e) => e.type === Events.revisit.requestClosed.type)?.payload).toMatchObject({
      revisitOutcome: 'evaluated', closingBasis: 'follow-up', resolved: false, satisfaction: 'dissatisfied',
    });
    expect(events.map((e) => e.type).slice(-4)).toEqual([
      Events.revisit.evaluationJudged.type, Events.revisit.followUpChanged.type, Events.revisit.requestClosed.type, Events.revisit.requestArchived.type,
    ]);

    // Not yet reported: the hotline cannot revisit it. Only the follow-up's own unit reports.
    const path = `/v1/follow-ups/${followUp.id}`;
    expect((await reviewer(T)('POST', `${path}/revisit`, { note: '回访', resolution: 'unresolved' })).status).toBe(409);
    await dateComes(followUp.id);
    const due = await followUpIn(T, followUp.id, 'due');
    expect(due.history.map((h: { state: string }) => h.state)).toEqual(['scheduled', 'due']);
    expect((await asUnit(T, 'water')('POST', `${path}/progress`, { note: '已报告' })).status).toBe(404);
    expect((await asUnit(T, undefined)('POST', `${path}/progress`, { note: '已报告' })).status).toBe(404);
    expect((await reviewer(T)('POST', `${path}/progress`, { note: '已报告' })).status).toBe(403);
    const empty = await asUnit(T, 'housing')('POST', `${path}/progress`, { note: '  ' });
    expect([empty.status, fields(empty.body)]).toEqual([400, ['note']]);
    const reported = await asUnit(T, 'housing')('POST', `${path}/progress`, { note: '资金已申报，预计三季度下达' });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ state: 'reported', round: 1 });
    expect((await asUnit(T, 'housing', ['unit-leader'])('POST', `${path}/progress`, { note: '再报' })).status).toBe(409);

    // The hotline revisits: not solved yet, followed up again on a later date (a second round).
    const resolvedAgain = await reviewer(T)('POST', `${path}/revisit`, { note: '已解决', resolution: 'resolved', nextFollowUpOn: addDays(today(), 60) });
    expect([resolvedAgain.status, fields(resolvedAgain.body)]).toEqual([400, ['nextFollowUpOn']]);
    const tooFar = await reviewer(T)('POST', `${path}/revisit`, { note: '未解决', resolution: 'unresolved', nextFollowUpOn: addDays(today(), 400) });
    expect([tooFar.status, fields(tooFar.body)]).toEqual([400, ['nextFollowUpOn']]);
    expect((await sut.as(T, ['agent'])('POST', `${path}/revisit`, { note: '回访', resolution: 'unresolved' })).status).toBe(403);
    const secondDate = addDays(today(), 90);
    const again = await sut.as(T, ['supervisor'])('POST', `${path}/revisit`, {
      note: '诉求人表示理解，等待施工', resolution: 'partly-resolved', satisfaction: 'basically-satisfied', nextFollowUpOn: secondDate,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ state: 'scheduled', dueOn: secondDate, round: 2, endedAt: null });
    const moved = await timerOf(T, followUp.id);
    expect([moved.state, new Date(moved.due_at).toISOString()]).toEqual(['pending', followUpDueAt(secondDate, ZONE).toISOString()]);

    // Second round: due, reported, revisited and ended.
    await dateComes(followUp.id);
    await followUpIn(T, followUp.id, 'due');
    expect((await asUnit(T, 'housing', ['unit-leader'])('POST', `${path}/progress`, { note: '道路已完成改造' })).status).toBe(200);
    const ended = await reviewer(T)('POST', `${path}/revisit`, { note: '诉求人确认已修好', resolution: 'resolved', satisfaction: 'satisfied' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ state: 'ended', round: 2 });
    expect(ended.body.endedAt).not.toBeNull();
    expect(ended.body.history.map((h: { seq: number; state: string; dueOn: string; round: number; resolution: string | null; changedBy: string }) =>
      [h.seq, h.state, h.dueOn, h.round, h.resolution, h.changedBy])).toEqual([
      [1, 'scheduled', firstDate, 1, null, 'city-fu:user'],
      [2, 'due', firstDate, 1, null, 'system:revisit'],
      [3, 'reported', firstDate, 1, null, 'city-fu:user'],
      [4, 'scheduled', secondDate, 2, 'partly-resolved', 'city-fu:user'],
      [5, 'due', secondDate, 2, null, 'system:revisit'],
      [6, 'reported', secondDate, 2, null, 'city-fu:user'],
      [7, 'ended', secondDate, 2, 'resolved', 'city-fu:user'],
    ]);
    expect((await reviewer(T)('POST', `${path}/revisit`, { note: '再访', resolution: 'resolved' })).status).toBe(409);
    expect((await timerOf(T, followUp.id)).state).toBe('fired');

    // Every change went out as FollowUpChanged, with the revisit's answers where there was one.
    const published = await changes(T, followUp.id);
    expect(published.map((c) => [c.state, c.dueOn, c.round, c.resolution, c.satisfaction])).toEqual([
      ['scheduled', firstDate, 1, undefined, undefined],
      ['due', firstDate, 1, undefined, undefined],
      ['reported', firstDate, 1, undefined, undefined],
      ['scheduled', secondDate, 2, 'partly-resolved', 'basically-satisfied'],
      ['due', secondDate, 2, undefined, undefined],
      ['reported', secondDate, 2, undefined, undefined],
      ['ended', secondDate, 2, 'resolved', 'satisfied'],
    ]);
    expect(published[0]).toMatchObject({ requestId, reason: 'funding', unitId, note: '道路改造资金待下达，联系人 138****5678' });
    expect(published[2].note).toBe('资金已申报，预计三季度下达');
    // The request stays closed and archived once, whatever the follow-up did.
    expect(await query(sut, T, `select count(*)::int as n from archive_records where request_id = $1`, [requestId])).toEqual([{ n: 1 }]);
    expect((await sut.as(T, ['tenant-admin'])('GET', '/v1/archive/verify')).body).toMatchObject({ intact: true });
  });

  it('closes a request awaiting its revisit straight into a follow-up: revisit skipped as follow-up, closed and archived with it', async () => {
    const T = 'city-fd';
    const { requestId, unitId } = await awaitingRevisit(T);
    const create = (body: unknown) => reviewer(T)('POST', '/v1/follow-ups', body);
    const bad = await create({ requestId, reason: 'weather', followUpOn: '2025/06/30', note: '', extra: 1 });
    expect([bad.status, fields(bad.body)]).toEqual([400, ['(body)', 'followUpOn', 'note', 'reason']]);
    expect((await create({ requestId: uuidv7(), reason: 'planning', followUpOn: addDays(today(), 10), note: '规划未批' })).status).toBe(404);
    expect((await sut.as(T, ['agent'])('POST', '/v1/follow-ups', { requestId, reason: 'planning', followUpOn: addDays(today(), 10), note: '规划未批' })).status).toBe(403);
    const past = await create({ requestId, reason: 'planning', followUpOn: addDays(today(), -1), note: '规划未批' });
    expect([past.status, fields(past.body)]).toEqual([400, ['followUpOn']]);

    const date = addDays(today(), 10);
    const res = await create({ requestId, reason: 'planning', followUpOn: date, note: '拆迁规划尚未批复' });
    expect(res.status).toBe(201);
    expect(res.body.followUp).toMatchObject({ requestId, unitId, unitCode: 'housing', reason: 'planning', state: 'scheduled', dueOn: date, round: 1 });
    expect(res.body.followUp.history).toHaveLength(1);
    expect(res.body.archive.record).toMatchObject({
      revisit: { outcome: 'skipped', reason: 'follow-up' },
      closure: { outcome: 'skipped', closedBy: 'city-fd:user', followUp: { followUpId: res.body.followUp.id, reason: 'planning', followUpOn: date } },
    });
    expect(await progressOf(T, requestId)).toEqual({ status: 'closed', closing_basis: 'follow-up', skip_reason: 'follow-up' });
    const [window] = await query(sut, T, `select state from timers where kind = $1 and key = $2`, [REVISIT_WINDOW_TIMER, requestId]);
    expect(window.state).toBe('cancelled');
    expect((await create({ requestId, reason: 'planning', followUpOn: date, note: '再来一次' })).status).toBe(409);
    expect((await life.revisit(T, requestId)).status).toBe(409);

    const events = (await publishedEvents(sut, T)).filter((e) => e.payload.requestId === requestId);
    expect(events.map((e) => e.type).slice(-4)).toEqual([
      Events.revisit.revisitSkipped.type, Events.revisit.followUpChanged.type, Events.revisit.requestClosed.type, Events.revisit.requestArchived.type,
    ]);
    expect(events.find((e) => e.type === Events.revisit.revisitSkipped.type)?.payload).toMatchObject({ reason: 'follow-up', unitId });
    expect(events.find((e) => e.type === Events.revisit.requestClosed.type)?.payload).toMatchObject({
      revisitOutcome: 'skipped', closingBasis: 'follow-up', resolved: false, satisfaction: '', closedBy: 'city-fd:user',
    });

    // A unit may report before the date: the pending timer is cancelled.
    const reported = await asUnit(T, 'housing')('POST', `/v1/follow-ups/${res.body.followUp.id}/progress`, { note: '规划已批复，下月开工' });
    expect(reported.body).toMatchObject({ state: 'reported' });
    expect((await timerOf(T, res.body.followUp.id)).state).toBe('cancelled');
    // An evaluation awaiting judgement is judged (as follow-up), not closed straight.
    const judged = await awaitingRevisit(T);
    await life.revisit(T, judged.requestId, { resolved: false, satisfaction: 'dissatisfied' });
    expect((await create({ requestId: judged.requestId, reason: 'policy', followUpOn: date, note: '政策未出台' })).status).toBe(409);
  });

  it('lists follow-ups by state and unit; unit staff see only their own unit’s; tenants see only theirs', async () => {
    const T = 'city-fl';
    const mine = await awaitingRevisit(T);
    const made = await reviewer(T)('POST', '/v1/follow-ups', { requestId: mine.requestId, reason: 'funding', followUpOn: addDays(today(), 5), note: '资金待拨付' });
    expect(made.status).toBe(201);
    const id = made.body.followUp.id;
    const other = await awaitingRevisit(T);
    const second = await reviewer(T)('POST', '/v1/follow-ups', { requestId: other.requestId, reason: 'policy', followUpOn: addDays(today(), 3), note: '政策待定' });
    await asUnit(T, 'housing')('POST', `/v1/follow-ups/${second.body.followUp.id}/progress`, { note: '已上报政策需求' });

    const all = await sut.as(T, ['supervisor'])('GET', '/v1/follow-ups');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    // Soonest date first.
    expect(all.body.items.map((f: { id: string }) => f.id)).toEqual([second.body.followUp.id, id]);
    expect(all.body.items[0].history).toBeUndefined();
    const scheduled = await reviewer(T)('GET', '/v1/follow-ups?state=scheduled');
    expect(scheduled.body.items.map((f: { id: string }) => f.id)).toEqual([id]);
    const byUnit = await reviewer(T)('GET', `/v1/follow-ups?unitId=${mine.unitId}`);
    expect(byUnit.body.items.map((f: { id: string }) => f.id)).toEqual([id]);
    const page = await reviewer(T)('GET', '/v1/follow-ups?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id }] });
    const bad = await reviewer(T)('GET', '/v1/follow-ups?state=open&limit=0');
    expect([bad.status, fields(bad.body)]).toEqual([400, ['query.limit', 'query.state']]);

    expect((await asUnit(T, 'housing')('GET', '/v1/follow-ups')).body.total).toBe(2);
    expect((await asUnit(T, 'water')('GET', '/v1/follow-ups')).body).toMatchObject({ items: [], total: 0 });
    expect((await asUnit(T, undefined)('GET', '/v1/follow-ups')).body).toMatchObject({ items: [], total: 0 });
    expect((await asUnit(T, 'water')('GET', `/v1/follow-ups/${id}`)).status).toBe(404);
    expect((await asUnit(T, 'housing')('GET', `/v1/follow-ups/${id}`)).body).toMatchObject({ id, history: [{ seq: 1, state: 'scheduled' }] });
    expect((await sut.as(T, ['agent'])('GET', '/v1/follow-ups')).status).toBe(403);
    const badId = await reviewer(T)('GET', '/v1/follow-ups/not-an-id');
    expect([badId.status, fields(badId.body)]).toEqual([400, ['id']]);
    const badPost = await reviewer(T)('POST', '/v1/follow-ups/not-an-id/revisit', {});
    expect([badPost.status, fields(badPost.body)]).toEqual([400, ['id', 'note', 'resolution']]);

    // The OpenAPI document is produced from the same schemas.
    const doc = (await sut.request('GET', '/docs/openapi.json')).body;
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/v1/follow-ups')).sort()).toEqual([
      '/v1/follow-ups', '/v1/follow-ups/{id}', '/v1/follow-ups/{id}/progress', '/v1/follow-ups/{id}/revisit',
    ]);
    expect(doc.paths['/v1/follow-ups/{id}/revisit'].post.requestBody.content['application/json'].schema.required).toEqual(['note', 'resolution']);

    // Another tenant's reviewer sees none of them (RLS).
    expect((await reviewer('city-fx')('GET', `/v1/follow-ups/${id}`)).status).toBe(404);
    expect((await reviewer('city-fx')('GET', '/v1/follow-ups')).body.total).toBe(0);
    expect((await reviewer('city-fx')('POST', `/v1/follow-ups/${second.body.followUp.id}/revisit`, { note: '回访', resolution: 'resolved' })).status).toBe(404);
  });

  it('ends the open follow-up of a request terminated afterwards (诉求终结 crossed the closure)', async () => {
    const T = 'city-ft';
    const { requestId } = await awaitingRevisit(T);
    const made = await reviewer(T)('POST', '/v1/follow-ups', { requestId, reason: 'other-objective', followUpOn: addDays(today(), 20), note: '待司法判决' });
    const id = made.body.followUp.id;
    await publishEvent(sut, Events.intake.requestTerminated, T, {
      requestId, number: 'n-1', terminationId: uuidv7(), reasonCode: 'statutory-route', evidenceRequestNumbers: [], hearingRecord: '',
      legalRoute: '请通过诉讼途径解决', proposedBy: 'agent-1', approvedBy: 'supervisor-1', terminatedAt: new Date().toISOString(),
    });
    const ended = await followUpIn(T, id, 'ended');
    expect(ended.history.at(-1)).toMatchObject({ state: 'ended', changedBy: 'supervisor-1', note: expect.stringContaining('诉求已终结') });
    expect((await timerOf(T, id)).state).toBe('cancelled');
    expect(await query(sut, T, `select count(*)::int as n from archive_records where request_id = $1`, [requestId])).toEqual([{ n: 1 }]);
  });
});
