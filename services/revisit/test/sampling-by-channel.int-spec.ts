import { Client } from 'pg';
import { Events, intakeV1 } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { isSampled } from '@hotline/revisit-domain';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { ADMIN_DATABASE_URL, eventually } from '@hotline/testing';
import { revisitService } from '../src/revisit.service';
import { REVISIT_WINDOW_TIMER } from '../src/revisits/start-revisit';
import { answered, brief, Lifecycle, publishedEvents, query } from './lifecycle-helpers';

// Revisit as the tenant configures it (issue 13), on the real database and broker: rules by
// request type and channel kind (the most specific wins), the share a 30 % rule draws over a few
// hundred requests, the revisit methods of a rule, and anonymous requests checked by the hotline
// itself (Bengbu).
describe('revisit: sampling by request type and channel kind, methods, hotline checks', () => {
  let sut: ServiceUnderTest;
  let life: Lifecycle;
  const admin = (tenantId: string) => sut.as(tenantId, ['tenant-admin']);
  const agent = (tenantId: string) => sut.as(tenantId, ['agent']);
  const reviewer = (tenantId: string) => sut.as(tenantId, ['reviewer']);
  const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);
  const progressOf = async (tenantId: string, requestId: string) =>
    (await query(sut, tenantId, `select status, skip_reason, hotline_check from request_progress where request_id = $1`, [requestId]))[0];
  const archived = async (tenantId: string, requestId: string) =>
    ((await sut.as(tenantId, ['supervisor'])('GET', '/v1/archive?limit=200')).body.items as Array<{ requestId: string; record: any }>) // eslint-disable-line @typescript-eslint/no-explicit-any
      .find((a) => a.requestId === requestId);

  /** Intake configured a channel: revisit learns the kind of its code. */
  async function channelConfigured(tenantId: string, code: string, kind: intakeV1.ChannelKind) {
    await publishEvent(sut, Events.intake.channelConfigured, tenantId, {
      channel: { id: uuidv7(), code, name: code, kind, enabled: true, createdAt: '2025-01-01T00:00:00.000Z' },
    });
    await life.caseFileHas(tenantId, `select 1 from channel_kinds where code = $1`, [code]);
  }

  /** A request accepted with `overrides` and answered by its primary unit, the answer passed review. */
  async function reviewed(tenantId: string, overrides: Parameters<typeof brief>[1], requestId = uuidv7()) {
    await life.accept(tenantId, brief(requestId, overrides));
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

  it('draws 30 % of 300 consultations, lets a channel rule override the type rule, and applies a channel-only rule before *', async () => {
    const T = 'city-ch';
    const rules: Array<[string, unknown]> = [
      ['/v1/sampling-policies/*', { samplePercent: 0, windowHours: 72 }],
      ['/v1/sampling-policies/consultation', { samplePercent: 30, windowHours: 72, methods: ['phone', 'sms'] }],
      ['/v1/sampling-policies/consultation/channels/web', { samplePercent: 100, windowHours: 24, methods: ['online'] }],
      ['/v1/sampling-policies/*/channels/wechat', { samplePercent: 100, windowHours: 48 }],
    ];
    for (const [path, body] of rules) expect((await admin(T)('PUT', path, body)).status).toBe(200);
    const list = await sut.as(T, ['reviewer'])('GET', '/v1/sampling-policies');
    expect(list.body.items.map((p: { requestType: string; channelKind: string; samplePercent: number; methods: string[]; anonymous: string }) =>
      [p.requestType, p.channelKind, p.samplePercent, p.methods.join(','), p.anonymous])).toEqual([
      ['*', '*', 0, 'phone,sms,online', 'skip'],
      ['*', 'wechat', 100, 'phone,sms,online', 'skip'],
      ['consultation', '*', 30, 'phone,sms', 'skip'],
      ['consultation', 'web', 100, 'online', 'skip'],
    ]);
    // The tenant's web portal has a code of its own; intake says it is of kind web.
    await channelConfigured(T, 'gov-portal', intakeV1.ChannelKind.CHANNEL_KIND_WEB);

    // Fixed ids: the draw is deterministic hashing of tenant and request id, so it never flakes.
    const id = (group: number, i: number) => `019ade0${group}-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const phone = Array.from({ length: 300 }, (_, i) => id(1, i));
    const portal = Array.from({ length: 20 }, (_, i) => id(2, i));
    const wechat = Array.from({ length: 5 }, (_, i) => id(3, i));
    const phoneComplaints = Array.from({ length: 5 }, (_, i) => id(4, i));
    const briefs = [
      ...phone.map((r) => brief(r, { requestType: 'consultation', channel: 'phone' })),
      ...portal.map((r) => brief(r, { requestType: 'consultation', channel: 'gov-portal' })),
      ...wechat.map((r) => brief(r, { requestType: 'complaint', channel: 'wechat' })),
      ...phoneComplaints.map((r) => brief(r, { requestType: 'complaint', channel: 'phone' })),
    ];
    await Promise.all(briefs.map((request) => publishEvent(sut, Events.intake.requestAccepted, T, { request })));
    await Promise.all(briefs.map((b) => publishEvent(sut, Events.handling.workOrderAnswered, T, answered(b.requestId, `wo-${b.requestId}`))));
    const reviews = await eventually(`${briefs.length} briefs and reviews`, async () => {
      const [{ n }] = await query(sut, T, `select count(*)::int as n from case_requests where brief_rank = 2`);
      const rows: Array<{ id: string }> = await query(sut, T, `select id from reviews where status = 'pending'`);
      return n === briefs.length && rows.length === briefs.length ? rows : undefined;
    }, 180_000); // 660 events through two consumers: generous on a loaded machine
    for (let i = 0; i < reviews.length; i += 10) {
      const decided = await Promise.all(reviews.slice(i, i + 10).map((r) => life.decide(T, r.id, { passed: true })));
      expect(decided.map((d) => d.status)).toEqual(decided.map(() => 200));
    }
    const rows: Array<{ request_id: string; status: string; skip_reason: string | null }> = await query(
      sut, T, `select request_id, status, skip_reason from request_progress`,
    );
    const drawn = new Set(rows.filter((r) => r.status === 'awaiting-revisit').map((r) => r.request_id));
    const notSampled = new Set(rows.filter((r) => r.skip_reason === 'not-sampled').map((r) => r.request_id));
    expect(rows).toHaveLength(briefs.length);

    // The 30 % type rule over 300 phone consultations: exactly the requests the hashing draws, and
    // a share within three binomial standard deviations of 30 %: 3 × √(0.3 × 0.7 / 300) ≈ 7.9 points.
    const phoneDrawn = phone.filter((r) => drawn.has(r));
    expect(phoneDrawn).toEqual(phone.filter((r) => isSampled(30, T, r)));
    expect(phone.filter((r) => notSampled.has(r))).toHaveLength(300 - phoneDrawn.length);
    expect(Math.abs(phoneDrawn.length / 300 - 0.3)).toBeLessThanOrEqual(0.079);

    // The consultation/web rule (100 %) overrides the type rule for the portal's requests, which
    // the type rule alone would have drawn only in part; its window (24 h) comes with it.
    expect(portal.filter((r) => isSampled(30, T, r)).length).toBeLessThan(portal.length);
    expect(portal.every((r) => drawn.has(r))).toBe(true);
    const dues: Array<{ key: string; hours: number }> = await query(
      sut, T, `select key, extract(epoch from due_at - now()) / 3600 as hours from timers where kind = $1 and key = any($2::text[])`,
      [REVISIT_WINDOW_TIMER, [portal[0], phoneDrawn[0], wechat[0]]],
    );
    const hoursOf = (key: string) => Number(dues.find((d) => d.key === key)?.hours);
    expect(hoursOf(portal[0]!)).toBeGreaterThan(23);
    expect(hoursOf(portal[0]!)).toBeLessThanOrEqual(24);
    expect(hoursOf(phoneDrawn[0]!)).toBeGreaterThan(71);
    // A complaint has no type rule: the channel-only rule (*/wechat) comes before the tenant's * rule (0 %).
    expect(wechat.every((r) => drawn.has(r))).toBe(true);
    expect(hoursOf(wechat[0]!)).toBeGreaterThan(47);
    expect(phoneComplaints.every((r) => notSampled.has(r))).toBe(true);

    // The rule's methods: the portal's rule revisits online only, the phone rule by phone or SMS.
    const web = portal[0]!;
    const byPhone = await agent(T)('POST', '/v1/revisits', { requestId: web, method: 'phone', resolution: 'resolved', satisfaction: 'satisfied' });
    expect(byPhone.status).toBe(400);
    expect(fieldsOf(byPhone)).toEqual(['method']);
    expect(byPhone.body.errors[0].message).toBe("phone is not a revisit method of this request's rule: use online (网上评价)");
    const smsAttempt = await agent(T)('POST', `/v1/revisits/${web}/attempts`, { method: 'sms' });
    expect(smsAttempt.status).toBe(400);
    expect(fieldsOf(smsAttempt)).toEqual(['method']);
    expect(await progressOf(T, web)).toMatchObject({ status: 'awaiting-revisit' });
    expect((await agent(T)('POST', `/v1/revisits/${web}/attempts`, { method: 'online' })).status).toBe(201);
    expect((await agent(T)('POST', '/v1/revisits', { requestId: web, method: 'online', resolution: 'resolved', satisfaction: 'satisfied' })).status).toBe(201);
    const [viaPhone, viaSms] = phoneDrawn;
    expect(fieldsOf(await agent(T)('POST', '/v1/revisits', { requestId: viaPhone, method: 'online', resolved: true, satisfaction: 'satisfied' }))).toEqual(['method']);
    expect((await agent(T)('POST', '/v1/revisits', { requestId: viaSms, method: 'sms', resolved: true, satisfaction: 'satisfied' })).status).toBe(201);
    // Respondent hotline answers only for a hotline check.
    const notACheck = await reviewer(T)('POST', '/v1/revisits', { requestId: viaPhone, method: 'phone', resolution: 'resolved', respondent: 'hotline', note: '已核实' });
    expect(notACheck.status).toBe(400);
    expect(fieldsOf(notACheck)).toEqual(['respondent']);

    // SamplingPolicyChanged carries the channel kind, the methods and the anonymous switch.
    const events = await publishedEvents(sut, T);
    const changed = events.filter((e) => e.type === Events.revisit.samplingPolicyChanged.type).map((e) => e.payload.policy);
    expect(changed).toContainEqual(expect.objectContaining({ requestType: 'consultation', channelKind: 'web', methods: ['online'], anonymous: 'skip', windowHours: 24 }));
  }, 360_000);

  it('removes a rule so the next more general one applies, and announces the removal', async () => {
    const T = 'city-rm';
    expect((await admin(T)('PUT', '/v1/sampling-policies/complaint', { samplePercent: 50, windowHours: 48 })).status).toBe(200);
    expect((await admin(T)('PUT', '/v1/sampling-policies/complaint/channels/web', { samplePercent: 100, windowHours: 24 })).status).toBe(200);
    expect(fieldsOf(await admin(T)('DELETE', '/v1/sampling-policies/nonsense/channels/web'))).toEqual(['requestType']);
    expect((await agent(T)('DELETE', '/v1/sampling-policies/complaint/channels/web')).status).toBe(403);
    expect((await admin(T)('DELETE', '/v1/sampling-policies/complaint/channels/web')).status).toBe(204);
    expect((await admin(T)('DELETE', '/v1/sampling-policies/complaint/channels/web')).status).toBe(404);
    const rules = (await admin(T)('GET', '/v1/sampling-policies')).body.items as Array<{ requestType: string; channelKind: string }>;
    expect(rules.map((r) => `${r.requestType}/${r.channelKind}`)).toEqual(['complaint/*']);
    const removed = (await publishedEvents(sut, T)).filter((e) => e.type === Events.revisit.samplingPolicyChanged.type && e.payload.removed);
    expect(removed.map((e) => e.payload.policy)).toEqual([expect.objectContaining({ requestType: 'complaint', channelKind: 'web', samplePercent: 100 })]);
    expect((await admin(T)('DELETE', '/v1/sampling-policies/complaint')).status).toBe(204);
    expect((await admin(T)('GET', '/v1/sampling-policies')).body.items).toEqual([]);
  });

  it('has the hotline check an anonymous request itself under a hotline-check rule: queued, no attempts, closed on the check by the closing rule', async () => {
    const T = 'city-hc';
    expect((await admin(T)('PUT', '/v1/sampling-policies/help', { samplePercent: 100, windowHours: 72, anonymous: 'hotline-check' })).status).toBe(200);
    const anonymous = { requestType: 'help', anonymous: true, requesterMaskedName: '', requesterMaskedPhone: '' };
    const checked = await reviewed(T, anonymous);
    expect(await progressOf(T, checked.requestId)).toEqual({ status: 'awaiting-revisit', skip_reason: null, hotline_check: true });
    const pending = (await agent(T)('GET', '/v1/revisits/pending')).body.items;
    expect(pending).toContainEqual(expect.objectContaining({ requestId: checked.requestId, hotlineCheck: true, status: 'awaiting-revisit' }));
    // Nobody to call: no attempts, and neither a requester nor a satisfaction to record.
    const attempt = await agent(T)('POST', `/v1/revisits/${checked.requestId}/attempts`, { method: 'phone' });
    expect(attempt.status).toBe(409);
    expect(attempt.body.detail).toMatch(/checked by the hotline itself/);
    const asRequester = await reviewer(T)('POST', '/v1/revisits', { requestId: checked.requestId, method: 'phone', resolved: true, satisfaction: 'satisfied', respondent: 'requester' });
    expect(asRequester.status).toBe(400);
    expect(fieldsOf(asRequester)).toEqual(['respondent']);
    const withSatisfaction = await reviewer(T)('POST', '/v1/revisits', { requestId: checked.requestId, method: 'phone', resolution: 'resolved', respondent: 'hotline', satisfaction: 'satisfied' });
    expect(fieldsOf(withSatisfaction).sort()).toEqual(['note', 'satisfaction']);

    const check = await reviewer(T)('POST', '/v1/revisits', {
      requestId: checked.requestId, method: 'phone', resolution: 'resolved', respondent: 'hotline', note: '已电话核实承办单位：路灯已修复，联系人13812345678',
    });
    expect(check.status).toBe(201);
    expect(check.body.revisit).toMatchObject({ respondent: 'hotline', satisfaction: null, resolution: 'resolved', note: '已电话核实承办单位：路灯已修复，联系人138****5678' });
    expect(check.body.archive.record).toMatchObject({
      revisit: { outcome: 'evaluated', respondent: 'hotline', satisfaction: null, resolution: 'resolved', note: '已电话核实承办单位：路灯已修复，联系人138****5678' },
      closure: { outcome: 'evaluated', closedBy: `${T}:user` },
    });
    expect(await progressOf(T, checked.requestId)).toMatchObject({ status: 'closed' });

    // An unresolved finding does not close: like any unresolved evaluation it awaits a judgement.
    const unresolved = await reviewed(T, anonymous);
    const finding = await reviewer(T)('POST', '/v1/revisits', { requestId: unresolved.requestId, method: 'online', resolution: 'unresolved', respondent: 'hotline', note: '现场核查仍未修复' });
    expect(finding.body).toMatchObject({ revisit: { respondent: 'hotline', satisfaction: null }, archive: null });
    expect(await progressOf(T, unresolved.requestId)).toMatchObject({ status: 'awaiting-judgement' });

    // A brief reaching revisit only after the draw says the requester is anonymous: the waiting
    // revisit becomes the hotline's check rather than being skipped.
    const late = await life.readyForRevisit(T);
    expect(await progressOf(T, late)).toMatchObject({ status: 'awaiting-revisit', hotline_check: false });
    await life.accept(T, brief(late, anonymous));
    expect(await progressOf(T, late)).toEqual({ status: 'awaiting-revisit', skip_reason: null, hotline_check: true });

    // A hotline check whose window ends unchecked closes unevaluated: the tenant's default stands
    // in for a requester who did not answer, and a hotline check asked nobody.
    const nanchong = { samplePercent: 100, windowHours: 240, defaultEvaluation: { satisfaction: 'satisfied', resolution: 'resolved' }, anonymous: 'hotline-check' };
    expect((await admin(T)('PUT', '/v1/sampling-policies/suggestion', nanchong)).status).toBe(200);
    const unchecked = await reviewed(T, { ...anonymous, requestType: 'suggestion' });
    expect(await progressOf(T, unchecked.requestId)).toMatchObject({ status: 'awaiting-revisit', hotline_check: true });
    await windowEnds(unchecked.requestId);
    const ended = await eventually('the unchecked hotline check archived', () => archived(T, unchecked.requestId));
    expect(ended.record.revisit).toMatchObject({ outcome: 'skipped', reason: 'attempts-exhausted' });

    // Without the switch (the default, as before) an anonymous request is skipped.
    const skipped = await reviewed(T, { ...anonymous, requestType: 'complaint' });
    expect(await progressOf(T, skipped.requestId)).toEqual({ status: 'closed', skip_reason: 'anonymous-requester', hotline_check: false });
    expect((await archived(T, skipped.requestId))!.record.revisit).toMatchObject({ outcome: 'skipped', reason: 'anonymous-requester' });

    // RevisitRecorded says who answered: hotline, with no satisfaction (未评价, not one for 满意率).
    const events = await publishedEvents(sut, T);
    const recorded = events.filter((e) => e.type === Events.revisit.revisitRecorded.type && e.payload.requestId === checked.requestId);
    expect(recorded.map((e) => [e.payload.respondent, e.payload.satisfaction, e.payload.resolution, e.payload.resolved])).toEqual([['hotline', '', 'resolved', true]]);
    const closed = events.find((e) => e.type === Events.revisit.requestClosed.type && e.payload.requestId === checked.requestId);
    expect(closed?.payload).toMatchObject({ revisitOutcome: 'evaluated', satisfaction: '', resolved: true });
  });

  it('refuses bad rules with a 400 naming each field, and lets only administrators and supervisors set them', async () => {
    const T = 'city-v';
    const put = (path: string, body: unknown) => admin(T)('PUT', path, body);
    const label = await put(`/v1/sampling-policies/consultation/channels/${encodeURIComponent('网站')}`, { samplePercent: 10, windowHours: 24 });
    expect(label.status).toBe(400);
    expect(label.body.errors).toEqual([{ field: 'channelKind', message: expect.stringContaining('"网站" is the label of web: use the kind') }]);
    // A channel code of the tenant is not a kind: rules are by kind.
    expect(fieldsOf(await put('/v1/sampling-policies/consultation/channels/gov-portal', { samplePercent: 10, windowHours: 24 }))).toEqual(['channelKind']);
    expect(fieldsOf(await put('/v1/sampling-policies/petition/channels/fax', { samplePercent: 10, windowHours: 24 }))).toEqual(['requestType', 'channelKind']);
    expect(fieldsOf(await put('/v1/sampling-policies/help/channels/web', { samplePercent: 10, windowHours: 24, methods: [], anonymous: 'call' })))
      .toEqual(['methods', 'anonymous']);
    expect(fieldsOf(await put('/v1/sampling-policies/help', { samplePercent: 10, windowHours: 24, methods: ['letter', 'phone'] }))).toEqual(['methods.0']);
    expect(fieldsOf(await put('/v1/sampling-policies/help', { samplePercent: 10, windowHours: 24, methods: 'phone' }))).toEqual(['methods']);
    expect((await sut.as(T, ['agent'])('PUT', '/v1/sampling-policies/help/channels/web', { samplePercent: 10, windowHours: 24 })).status).toBe(403);
    expect((await query(sut, T, `select count(*)::int as n from sampling_policies`))[0].n).toBe(0);
    // The same key through either path is one rule: /channels/* is the rule for every channel.
    expect((await put('/v1/sampling-policies/help/channels/*', { samplePercent: 10, windowHours: 24 })).body).toMatchObject({ channelKind: '*', samplePercent: 10 });
    expect((await put('/v1/sampling-policies/help', { samplePercent: 20, windowHours: 24 })).body).toMatchObject({ channelKind: '*', samplePercent: 20 });
    expect((await sut.as(T, ['supervisor'])('PUT', '/v1/sampling-policies/help/channels/sms', { samplePercent: 5, windowHours: 24, methods: ['sms'] })).status).toBe(200);
    const items = (await admin(T)('GET', '/v1/sampling-policies')).body.items;
    expect(items.map((p: { requestType: string; channelKind: string; samplePercent: number }) => [p.requestType, p.channelKind, p.samplePercent])).toEqual([
      ['help', '*', 20], ['help', 'sms', 5],
    ]);
  });
});
