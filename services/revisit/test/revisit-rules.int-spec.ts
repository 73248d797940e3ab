import { Client } from 'pg';
import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { ADMIN_DATABASE_URL, eventually } from '@hotline/testing';
import { revisitService } from '../src/revisit.service';
import { REVISIT_WINDOW_TIMER } from '../src/revisits/start-revisit';
import { answered, brief, Lifecycle, publishedEvents, query } from './lifecycle-helpers';

// Revisit by the tenant's rules (issue 13), on the real database and broker: the closing rule,
// the judgement of a dissatisfied evaluation, sampling per request type, attempts and the window
// timer with and without a default evaluation.
describe('revisit: sampling, attempts, windows, judgement and the closing rule', () => {
  let sut: ServiceUnderTest;
  let life: Lifecycle;
  const admin = (tenantId: string) => sut.as(tenantId, ['tenant-admin']);
  const reviewer = (tenantId: string) => sut.as(tenantId, ['reviewer']);
  const agent = (tenantId: string) => sut.as(tenantId, ['agent']);
  const archived = async (tenantId: string, requestId: string) =>
    ((await sut.as(tenantId, ['supervisor'])('GET', '/v1/archive?limit=200')).body.items as Array<{ requestId: string; record: any }>) // eslint-disable-line @typescript-eslint/no-explicit-any
      .find((a) => a.requestId === requestId);
  const progressOf = async (tenantId: string, requestId: string) =>
    (await query(sut, tenantId, `select status, attempts, skip_reason from request_progress where request_id = $1`, [requestId]))[0];

  /** A request of `requestType` accepted and answered by its primary unit, the answer passed review. */
  async function reviewed(tenantId: string, requestType: string, requestId = uuidv7()) {
    await life.accept(tenantId, brief(requestId, { requestType }));
    const workOrderId = uuidv7();
    const review = await life.answer(tenantId, answered(requestId, workOrderId));
    expect((await life.decide(tenantId, review.id, { passed: true })).status).toBe(200);
    return { requestId, workOrderId };
  }

  /** Brings a revisit-window timer due now, as the passing of its window would (superuser, in the service's own database). */
  async function windowEnds(requestId: string) {
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${sut.db.name}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const res = await client.query(`update timers set due_at = now() where kind = $1 and key = $2 and state = 'pending'`, [REVISIT_WINDOW_TIMER, requestId]);
      expect(res.rowCount).toBe(1);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(revisitService);
    life = new Lifecycle(sut);
  });

  afterAll(() => sut?.close());

  it('holds a dissatisfied evaluation for a judgement; unreasonable closes with it, reasonable waits for 重办 and the second evaluation closes', async () => {
    const unreasonable = await reviewed('city-j', 'complaint');
    const first = await agent('city-j')('POST', '/v1/revisits', {
      requestId: unreasonable.requestId, method: 'phone', resolution: 'resolved', satisfaction: 'dissatisfied', respondent: 'requester',
    });
    expect(first.status).toBe(201);
    expect(first.body.archive).toBeNull();
    expect(await progressOf('city-j', unreasonable.requestId)).toMatchObject({ status: 'awaiting-judgement' });
    expect(await archived('city-j', unreasonable.requestId)).toBeUndefined();
    // Nothing more is recorded until the judgement; only a reviewer judges, with a note.
    expect((await agent('city-j')('POST', '/v1/revisits', { requestId: unreasonable.requestId, method: 'phone', resolved: true, satisfaction: 'satisfied' })).status).toBe(409);
    expect((await agent('city-j')('POST', `/v1/revisits/${unreasonable.requestId}/judgement`, { reasonable: false, note: 'x' })).status).toBe(403);
    const bad = await reviewer('city-j')('POST', `/v1/revisits/${unreasonable.requestId}/judgement`, { reasonable: 'no', note: '' });
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['note', 'reasonable']);
    const judged = await reviewer('city-j')('POST', `/v1/revisits/${unreasonable.requestId}/judgement`, {
      reasonable: false, note: '诉求人要求超出政策范围，已依法答复 13812345678',
    });
    expect(judged.status).toBe(200);
    expect(judged.body.revisit).toMatchObject({ judgement: 'unreasonable', judgementNote: '诉求人要求超出政策范围，已依法答复 138****5678', judgedBy: 'city-j:user' });
    expect(judged.body.archive.record).toMatchObject({
      revisit: { outcome: 'evaluated', satisfaction: 'dissatisfied', judgement: { judgement: 'unreasonable', judgedBy: 'city-j:user' } },
      closure: { outcome: 'evaluated', closedBy: 'city-j:user', closedAt: judged.body.revisit.judgedAt },
    });
    expect((await reviewer('city-j')('POST', `/v1/revisits/${unreasonable.requestId}/judgement`, { reasonable: true, note: '再判' })).status).toBe(409);

    // Reasonable: the request waits for the re-handled answer, then is revisited whatever the
    // sampling says by then (the second evaluation is the one that counts).
    const redo = await reviewed('city-j', 'complaint');
    expect((await agent('city-j')('POST', '/v1/revisits', { requestId: redo.requestId, method: 'sms', resolution: 'unresolved', satisfaction: 'basically-satisfied' })).status).toBe(201);
    const sentBack = await reviewer('city-j')('POST', `/v1/revisits/${redo.requestId}/judgement`, { reasonable: true, note: '路灯仍未修复' });
    expect(sentBack.body).toMatchObject({ revisit: { judgement: 'reasonable' }, archive: null });
    expect(await progressOf('city-j', redo.requestId)).toMatchObject({ status: 'redo' });
    expect((await admin('city-j')('PUT', '/v1/sampling-policies/complaint', { samplePercent: 0, windowHours: 48 })).status).toBe(200);
    expect((await agent('city-j')('POST', '/v1/revisits', { requestId: redo.requestId, method: 'phone', resolved: true, satisfaction: 'satisfied' })).status).toBe(409);
    const again = await life.answer('city-j', answered(redo.requestId, redo.workOrderId, { reworkCount: 1, answer: '已修复路灯' }));
    await life.decide('city-j', again.id, { passed: true });
    expect(await progressOf('city-j', redo.requestId)).toMatchObject({ status: 'awaiting-revisit' });
    const second = await agent('city-j')('POST', '/v1/revisits', { requestId: redo.requestId, method: 'phone', resolution: 'resolved', satisfaction: 'satisfied' });
    expect(second.body.archive.record.revisit).toMatchObject({
      satisfaction: 'satisfied', resolution: 'resolved',
      earlier: [{ resolution: 'unresolved', satisfaction: 'basically-satisfied', judgement: { judgement: 'reasonable', note: '路灯仍未修复' } }],
    });

    const events = await publishedEvents(sut, 'city-j');
    const judgements = events.filter((e) => e.type === Events.revisit.evaluationJudged.type).map((e) => e.payload);
    expect(judgements).toEqual([
      expect.objectContaining({ requestId: unreasonable.requestId, reasonable: false, workOrderId: unreasonable.workOrderId }),
      expect.objectContaining({ requestId: redo.requestId, reasonable: true, workOrderId: redo.workOrderId, note: '路灯仍未修复' }),
    ]);
    const recorded = events.filter((e) => e.type === Events.revisit.revisitRecorded.type && e.payload.requestId === redo.requestId);
    expect(recorded.map((e) => [e.payload.resolution, e.payload.satisfaction, e.payload.resolved])).toEqual([
      ['unresolved', 'basically-satisfied', false], ['resolved', 'satisfied', true],
    ]);
    // 重办 per unit: evaluated requests and those sent back at least once (重办率, as analytics
    // counts it), and the rounds: the redone request was evaluated twice.
    const counts = (await sut.as('city-j', ['supervisor'])('GET', '/v1/revisits/redo-counts')).body.items;
    expect(counts).toEqual(expect.arrayContaining([
      { unitId: `unit-of-${redo.workOrderId}`, evaluatedRequests: 1, redoneRequests: 1, evaluations: 2, redoRounds: 1, redoRate: 1 },
      { unitId: `unit-of-${unreasonable.workOrderId}`, evaluatedRequests: 1, redoneRequests: 0, evaluations: 1, redoRounds: 0, redoRate: 0 },
    ]));
  });

  it('draws the tenant’s share of consultations for revisit and skips the rest, over 200 requests', async () => {
    // Deterministic hashing of tenant and request id: these fixed ids always draw the same way.
    expect((await admin('city-s')('PUT', '/v1/sampling-policies/consultation', { samplePercent: 30, windowHours: 72 })).status).toBe(200);
    // A type without its own rule (and no '*') is revisited: the default is every request.
    const complaint = await reviewed('city-s', 'complaint');
    expect(await progressOf('city-s', complaint.requestId)).toMatchObject({ status: 'awaiting-revisit' });
    const ids = Array.from({ length: 200 }, (_, i) => `019ade00-0000-7000-8000-${String(i).padStart(12, '0')}`);
    await Promise.all(ids.map((id) => publishEvent(sut, Events.intake.requestAccepted, 'city-s', { request: brief(id, { requestType: 'consultation' }) })));
    await Promise.all(ids.map((id) => publishEvent(sut, Events.handling.workOrderAnswered, 'city-s', answered(id, `wo-${id}`))));
    const reviews = await eventually('200 briefs and 200 reviews', async () => {
      const [{ briefs }] = await query(sut, 'city-s', `select count(*)::int as briefs from case_requests where brief_rank = 2 and request_id like '019ade00-%'`);
      const rows: Array<{ id: string }> = await query(sut, 'city-s', `select id from reviews where status = 'pending'`);
      return briefs === 200 && rows.length === 200 ? rows : undefined;
    }, 120_000); // 400 events through two consumers: generous on a loaded machine
    // Ten reviewers at a time: each decision draws its request in its own transaction.
    for (let i = 0; i < reviews.length; i += 10) {
      const decided = await Promise.all(reviews.slice(i, i + 10).map((r) => life.decide('city-s', r.id, { passed: true })));
      expect(decided.map((d) => d.status)).toEqual(decided.map(() => 200));
    }
    const rows: Array<{ status: string; skip_reason: string | null; n: number }> = await query(
      sut, 'city-s', `select status, skip_reason, count(*)::int as n from request_progress where request_id like '019ade00-%' group by status, skip_reason`,
    );
    const drawn = rows.find((r) => r.status === 'awaiting-revisit')?.n ?? 0;
    const skipped = rows.find((r) => r.skip_reason === 'not-sampled')?.n ?? 0;
    expect(drawn + skipped).toBe(200);
    // 30 % within 10 points: three binomial standard deviations, 3 × √(0.3 × 0.7 / 200) ≈ 9.7 %.
    expect(Math.abs(drawn / 200 - 0.3)).toBeLessThanOrEqual(0.1);
  }, 240_000);

  it('closes a request once its attempts are exhausted, and refuses a further attempt', async () => {
    expect((await admin('city-t')('PUT', '/v1/sampling-policies/help', { samplePercent: 100, windowHours: 72, maxAttempts: 2 })).status).toBe(200);
    const { requestId } = await reviewed('city-t', 'help');
    const one = await agent('city-t')('POST', `/v1/revisits/${requestId}/attempts`, { method: 'phone' });
    expect(one).toMatchObject({ status: 201, body: { requestId, attempt: 1, maxAttempts: 2, closed: false } });
    expect(await archived('city-t', requestId)).toBeUndefined();
    const two = await agent('city-t')('POST', `/v1/revisits/${requestId}/attempts`, { method: 'sms' });
    expect(two.body).toMatchObject({ attempt: 2, closed: true });
    expect((await archived('city-t', requestId))!.record).toMatchObject({
      revisit: { outcome: 'skipped', reason: 'attempts-exhausted' }, closure: { outcome: 'skipped', closedBy: 'system:revisit' },
    });
    expect((await agent('city-t')('POST', `/v1/revisits/${requestId}/attempts`, { method: 'phone' })).status).toBe(409);
    expect((await agent('city-t')('POST', `/v1/revisits/${uuidv7()}/attempts`, { method: 'phone' })).status).toBe(404);
    const events = await publishedEvents(sut, 'city-t');
    expect(events.filter((e) => e.type === Events.revisit.revisitAttempted.type).map((e) => [e.payload.attempt, e.payload.method])).toEqual([
      [1, 'phone'], [2, 'sms'],
    ]);
  });

  it('records the tenant’s default evaluation when the window ends (Nanchong: 10 days → 满意), or closes unevaluated without one', async () => {
    const nanchong = { samplePercent: 100, windowHours: 240, defaultEvaluation: { satisfaction: 'satisfied', resolution: 'resolved' } };
    expect((await admin('city-w')('PUT', '/v1/sampling-policies/praise', nanchong)).status).toBe(200);
    expect((await admin('city-w')('PUT', '/v1/sampling-policies/suggestion', { samplePercent: 100, windowHours: 24 })).status).toBe(200);
    const praise = await reviewed('city-w', 'praise');
    const suggestion = await reviewed('city-w', 'suggestion');
    const [timer] = await query(sut, 'city-w', `select due_at from timers where kind = $1 and key = $2`, [REVISIT_WINDOW_TIMER, praise.requestId]);
    expect(new Date(timer.due_at).getTime() - Date.now()).toBeGreaterThan(239 * 3_600_000);
    await windowEnds(praise.requestId);
    await windowEnds(suggestion.requestId);
    const defaulted = await eventually('the default evaluation archived', () => archived('city-w', praise.requestId));
    expect(defaulted.record).toMatchObject({
      revisit: { outcome: 'evaluated', method: 'online', satisfaction: 'satisfied', resolution: 'resolved', defaulted: true, recordedBy: 'system:revisit' },
      closure: { outcome: 'evaluated', closedBy: 'system:revisit' },
    });
    const exhausted = await eventually('the unevaluated closure archived', () => archived('city-w', suggestion.requestId));
    expect(exhausted.record.revisit).toMatchObject({ outcome: 'skipped', reason: 'attempts-exhausted' });
    // An evaluation recorded in time cancels the window's timer.
    const inTime = await reviewed('city-w', 'suggestion');
    expect((await agent('city-w')('POST', '/v1/revisits', { requestId: inTime.requestId, method: 'phone', resolved: true, satisfaction: 'satisfied' })).status).toBe(201);
    const [cancelled] = await query(sut, 'city-w', `select state from timers where kind = $1 and key = $2`, [REVISIT_WINDOW_TIMER, inTime.requestId]);
    expect(cancelled.state).toBe('cancelled');
  });
});
