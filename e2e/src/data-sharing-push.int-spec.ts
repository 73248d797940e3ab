import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { PiiCipher, signLocalToken, verifySignature, WEBHOOK_SIGNATURE_HEADER } from '@hotline/platform';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually, TEST_AUTH_SECRET } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { intakeService } from '../../services/intake/src/intake.service';
import { preparePush } from '../../services/intake/src/sharing/push-delivery.commands';

// 数据共享的主动推送 on the real intake (PostgreSQL, NATS) with a department's receiver in the
// test: a tenant admin points an agreement's feed at it; the delivery worker pushes what the
// agreement releases — the same fields, masking, scope and release log as a pull — signed with
// the secret the server made, retries a failure, moves the feed's cursor only on a 2xx, pauses
// after the last attempt until redelivered, stops at once when the agreement is revoked, and a
// slow receiver holds up no other feed (ADR 0035 addendum, docs/data-sharing.md).
describe('pushed data-sharing feeds (real PostgreSQL and NATS, a local receiver)', () => {
  let sut: ServiceUnderTest;
  let receiver: Server;
  let base: string;
  const T = 'city-push';
  const OTHER = 'city-push-other';
  type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const as = (tenant: string, subject: string, roles: Role[], department?: string): Call => async (method, path, body) => {
    await sut.token(tenant, roles);
    return sut.request(method, path, await signLocalToken(TEST_AUTH_SECRET, { tenantId: tenant, roles, subject, department }), body);
  };
  const admin = as(T, 'admin-1', ['tenant-admin']);
  const supervisor = as(T, 'supervisor-1', ['supervisor']);
  const agent = as(T, 'agent-1', ['agent']);
  const otherAdmin = as(OTHER, 'admin-9', ['tenant-admin']);
  const otherSupervisor = as(OTHER, 'supervisor-9', ['supervisor']);
  const otherAgent = as(OTHER, 'agent-9', ['agent']);

  /** What the receiver got: each POST as it came, and how it answered. */
  interface Received {
    path: string;
    headers: IncomingHttpHeaders;
    raw: string;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    at: number;
    answered?: number;
    answeredAt?: number;
  }
  const received: Received[] = [];
  /** How each path answers its n-th POST (1-based): a status, or a promise of one (a slow receiver). */
  const answers = new Map<string, (n: number) => number | Promise<number>>();
  const at = (path: string) => received.filter((r) => r.path === path);
  const signedWith = (secret: string, r: Received) => verifySignature(secret, r.raw, String(r.headers[WEBHOOK_SIGNATURE_HEADER] ?? ''), { maxAgeS: 300 });

  const HOUR = 3600_000;
  const validity = () => ({ validFrom: new Date(Date.now() - HOUR).toISOString(), validUntil: new Date(Date.now() + 30 * 24 * HOUR).toISOString() });
  const terms = (departmentCode: string, overrides: Record<string, unknown> = {}) => ({
    departmentCode,
    departmentName: `部门 ${departmentCode}`,
    purpose: '大气污染投诉线索的执法核查与统计分析',
    legalBasis: '《中华人民共和国大气污染防治法》第三十一条',
    maxGrade: 'important',
    fields: [
      { field: 'number', masking: 'none' },
      { field: 'receivedAt', masking: 'coarsen' },
      { field: 'areaCode', masking: 'coarsen' },
      { field: 'content', masking: 'mask' },
      { field: 'requester.phone', masking: 'drop' },
    ],
    categoryPrefixes: ['04'],
    areaCodes: ['320102'],
    requestTypes: ['complaint'],
    ...validity(),
    ...overrides,
  });

  async function approved(tenant: string, body: Record<string, unknown>) {
    const proposer = as(tenant, 'admin-1', ['tenant-admin']);
    const proposed = await proposer('POST', '/v1/sharing/agreements', body);
    expect(proposed.status).toBe(201);
    const decided = await as(tenant, 'supervisor-1', ['supervisor'])('POST', `/v1/sharing/agreements/${proposed.body.id}/approve`, {});
    expect(decided).toMatchObject({ status: 200, body: { state: 'active' } });
    return proposed.body.id as string;
  }

  async function enter(call: Call, overrides: Record<string, unknown> = {}) {
    const res = await call('POST', '/v1/requests', {
      channel: 'phone',
      requester: { name: '王小五', phone: '13812345678' },
      title: '餐馆油烟扰民',
      content: '楼下餐馆油烟直排，请回电13812345678',
      areaCode: '320102001',
      requestType: 'complaint',
      urgency: 'normal',
      categoryCode: '040101',
      scope: { decision: 'in-scope' },
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; number: string };
  }

  async function configure(tenantAdmin: Call) {
    expect((await tenantAdmin('POST', '/v1/channels', { code: 'phone', name: '12345 热线电话', kind: 'phone' })).status).toBe(201);
    const taxonomy = await tenantAdmin('PUT', '/v1/categories', {
      categories: [
        { code: '04', name: '生态环境', level: 1 },
        { code: '0401', name: '大气污染', parentCode: '04', level: 2 },
        { code: '040101', name: '餐饮油烟', parentCode: '0401', level: 3 },
        { code: '08', name: '劳动和社会保障', level: 1 },
        { code: '0801', name: '劳动关系', parentCode: '08', level: 2 },
        { code: '080101', name: '拖欠工资', parentCode: '0801', level: 3 },
      ],
    });
    expect(taxonomy.status).toBe(200);
  }

  const deliveries = async (agreementId: string, call: Call = supervisor) => {
    const res = await call('GET', `/v1/sharing/agreements/${agreementId}/push/deliveries`);
    expect(res.status).toBe(200);
    return res.body as { total: number; items: Array<Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const feed = async (agreementId: string) => (await supervisor('GET', `/v1/sharing/agreements/${agreementId}/push`)).body;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (raw += c));
      req.on('end', async () => {
        const path = req.url ?? '/';
        const r: Received = { path, headers: req.headers, raw, body: JSON.parse(raw), at: Date.now() };
        received.push(r);
        const status = await (answers.get(path)?.(at(path).length) ?? 200);
        r.answered = status;
        r.answeredAt = Date.now();
        if (!res.destroyed) res.writeHead(status).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    sut = await startServiceUnderTest(intakeService, {
      env: {
        SHARING_PUSH_POLL_MS: '50',
        SHARING_PUSH_INTERVAL_MS: '200',
        SHARING_PUSH_RETRY_BASE_MS: '1000',
        SHARING_PUSH_RETRY_MAX_MS: '2000',
        SHARING_PUSH_MAX_ATTEMPTS: '3',
        SHARING_PUSH_TIMEOUT_MS: '5000',
      },
    });
    await configure(admin);
    await configure(otherAdmin);
  });
  afterAll(async () => {
    await sut?.close();
    receiver?.closeAllConnections();
    await new Promise<void>((done) => (receiver ? receiver.close(() => done()) : done()));
  });

  it('pushes only the agreed fields, masked and signed; retries a failure; moves the cursor only on a 2xx; logs each batch as a release', async () => {
    const first = await enter(agent);
    const second = await enter(agent, { areaCode: '320102', content: '夜间餐馆排风扇噪声和油烟' });
    const third = await enter(agent, { content: '烧烤店油烟熏人' });
    await enter(agent, { categoryCode: '080101', content: '工地拖欠工资三个月' }); // another category: never pushed
    const id = await approved(T, terms('env-bureau'));

    // The receiver refuses the first POST, and takes everything after.
    answers.set('/env', (n) => (n === 1 ? 500 : 200));
    const set = await admin('PUT', `/v1/sharing/agreements/${id}/push`, { url: `${base}/env`, batchSize: 2 });
    expect(set).toMatchObject({ status: 200, body: { agreementId: id, url: `${base}/env`, batchSize: 2, state: 'active', cursor: null, setBy: 'admin-1' } });
    const secret = set.body.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await feed(id)).not.toHaveProperty('secret');

    // The first attempt failed: the batch waits for its retry, the cursor has not moved.
    const failed = await eventually('the failed first attempt logged', async () => {
      const log = await deliveries(id);
      return log.items[0]?.attempts === 1 ? log.items[0] : undefined;
    });
    expect(failed).toMatchObject({ state: 'pending', itemCount: 2, lastStatus: 500, lastError: 'http-500', cursorAfter: null });
    expect(failed.log).toEqual([expect.objectContaining({ attempt: 1, outcome: 'failed', httpStatus: 500, error: 'http-500', durationMs: expect.any(Number) })]);
    expect((await feed(id)).cursor).toBeNull();
    expect(at('/env')).toHaveLength(1);

    // The retry (the same batch, the same body) is taken; the next batch follows at once (the first was full).
    await eventually('both batches delivered', async () => (await deliveries(id)).items.filter((d) => d.state === 'delivered').length === 2);
    const posts = at('/env');
    expect(posts).toHaveLength(3);
    expect(posts[1]!.raw).toBe(posts[0]!.raw);
    for (const r of posts) {
      expect(signedWith(secret, r)).toBe(true);
      expect(signedWith('whsec_another-secret', r)).toBe(false);
      expect(r.headers['x-hotline-delivery']).toBe(r.body.deliveryId);
      expect(r.headers['idempotency-key']).toBe(r.body.deliveryId);
      expect(r.headers['x-hotline-event']).toBe('sharing.release');
      expect(r.body).toMatchObject({ type: 'sharing.release', tenant: T, agreementId: id, departmentCode: 'env-bureau' });
      expect(r.raw).not.toContain('13812345678');
    }
    const items = [...posts[1]!.body.items, ...posts[2]!.body.items];
    expect(items.map((i: { number: string }) => i.number)).toEqual([first.number, second.number, third.number]);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['areaCode', 'content', 'number', 'receivedAt', 'ref']);
    expect(items[0]).toMatchObject({ areaCode: '3201', receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), content: expect.stringContaining('138****5678') });
    expect(posts[2]!.body.after).toBe(posts[1]!.body.next);

    // The cursor is the `next` of the last acknowledged batch; the log holds each batch once (not each attempt).
    expect((await feed(id)).cursor).toBe(posts[2]!.body.next);
    const [firstBatch] = (await deliveries(id)).items.slice(-1);
    expect(firstBatch!.log.map((a: { outcome: string; httpStatus: number }) => [a.outcome, a.httpStatus])).toEqual([['failed', 500], ['delivered', 200]]);
    const releases = await supervisor('GET', `/v1/sharing/releases/log?agreementId=${id}`);
    expect(releases.body.items.map((e: { kind: string; itemCount: number }) => [e.kind, e.itemCount])).toEqual([['feed', 1], ['feed', 2]]);
    expect(releases.body.items[1]).toMatchObject({
      subject: `sharing-feed:${id}`,
      requestIds: [first.id, second.id],
      fields: ['number', 'receivedAt', 'areaCode', 'content'],
      cursorAfter: null,
      cursorNext: posts[1]!.body.next,
    });
    expect(posts[1]!.body.releaseId).toBe(releases.body.items[1].id);

    // A new secret signs what follows, the old one no longer; a new request is pushed within the interval.
    const rotated = await admin('POST', `/v1/sharing/agreements/${id}/push/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    const fourth = await enter(agent, { content: '油烟扰民第四次反映' });
    const pushed = await eventually('the new request pushed', async () => at('/env').find((r) => r.body.items.some((i: { number: string }) => i.number === fourth.number)));
    expect(signedWith(rotated.body.secret, pushed)).toBe(true);
    expect(signedWith(secret, pushed)).toBe(false);
    expect(pushed.body.after).toBe(posts[2]!.body.next);
  });

  it('pauses a feed whose batch failed every attempt; redelivering sends it again as it was; a replay releases anew', async () => {
    const id = await approved(T, terms('water-bureau'));
    let down = true;
    answers.set('/water', () => (down ? 503 : 204));
    const set = await admin('PUT', `/v1/sharing/agreements/${id}/push`, { url: `${base}/water` });
    expect(set.body.batchSize).toBe(100);

    const paused = await eventually('the feed paused', async () => ((await feed(id)).state === 'paused' ? feed(id) : undefined), 30_000);
    expect(paused).toMatchObject({ cursor: null, stateReason: expect.stringMatching(/failed 3 attempts/) });
    const [failed] = (await deliveries(id)).items;
    expect(failed).toMatchObject({ state: 'failed', attempts: 3, lastStatus: 503 });
    expect(failed!.log.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(at('/water')).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 600)); // paused: nothing more is tried
    expect(at('/water')).toHaveLength(3);

    down = false;
    const again = await admin('POST', `/v1/sharing/agreements/${id}/push/deliveries/${failed!.id}/redeliver`);
    expect(again).toMatchObject({ status: 200, body: { state: 'pending', attempts: 3 } });
    await eventually('the batch delivered', async () => (await deliveries(id)).items[0]?.state === 'delivered');
    expect(at('/water')[3]!.raw).toBe(at('/water')[0]!.raw);
    const resumed = await feed(id);
    expect(resumed).toMatchObject({ state: 'active', cursor: at('/water')[3]!.body.next });
    expect((await admin('POST', `/v1/sharing/agreements/${id}/push/deliveries/${failed!.id}/redeliver`)).body).toMatchObject({ status: 409 });

    // From the agreement's start again: the same requests, a new batch and a new release.
    const releasesBefore = (await supervisor('GET', `/v1/sharing/releases/log?agreementId=${id}`)).body.total;
    const replayed = await admin('POST', `/v1/sharing/agreements/${id}/push/replay`, {});
    expect(replayed).toMatchObject({ status: 200, body: { cursor: null, state: 'active' } });
    const replay = await eventually('the replayed batch', async () => at('/water')[4]);
    expect(replay.body.deliveryId).not.toBe(at('/water')[0]!.body.deliveryId);
    expect(replay.body.items.map((i: { ref: string }) => i.ref)).toEqual(at('/water')[0]!.body.items.map((i: { ref: string }) => i.ref));
    await eventually('the replay acknowledged', async () => (await feed(id)).cursor === replay.body.next);
    expect((await supervisor('GET', `/v1/sharing/releases/log?agreementId=${id}`)).body.total).toBe(releasesBefore + 1);
  });

  it('stops at once when the agreement is revoked: the batch waiting for its retry is cancelled and nothing more is pushed', async () => {
    const id = await approved(T, terms('noise-office'));
    answers.set('/noise', () => 500);
    expect((await admin('PUT', `/v1/sharing/agreements/${id}/push`, { url: `${base}/noise` })).status).toBe(200);
    await eventually('a first failed attempt', async () => (await deliveries(id)).items[0]?.attempts === 1);

    expect((await admin('POST', `/v1/sharing/agreements/${id}/revoke`, { reason: '专项结束' })).status).toBe(200);
    expect(await feed(id)).toMatchObject({ state: 'ended', stateReason: 'the agreement was revoked' });
    expect((await deliveries(id)).items[0]).toMatchObject({ state: 'cancelled', stateReason: 'the agreement was revoked' });
    await new Promise((r) => setTimeout(r, 200)); // an attempt prepared before the end may still be on its way
    const count = at('/noise').length;
    await enter(agent, { content: '撤销后的新投诉' });
    await new Promise((r) => setTimeout(r, 2_500)); // past the retry and several intervals
    expect(at('/noise')).toHaveLength(count);
    // Not set again under a revoked agreement, nor redelivered, nor replayed.
    expect((await admin('PUT', `/v1/sharing/agreements/${id}/push`, { url: `${base}/noise` })).body).toMatchObject({ status: 409, code: 'agreement_not_active' });
    expect((await admin('POST', `/v1/sharing/agreements/${id}/push/replay`, {})).body).toMatchObject({ status: 409, code: 'agreement_not_active' });
  });

  it('pushes nothing once the agreement has expired, a batch waiting for its retry included', async () => {
    const validUntil = new Date(Date.now() + 24 * HOUR);
    const id = await approved(T, terms('expiry-office', { validUntil: validUntil.toISOString() }));
    answers.set('/expiry', () => 500);
    expect((await admin('PUT', `/v1/sharing/agreements/${id}/push`, { url: `${base}/expiry` })).status).toBe(200);
    await eventually('a first failed attempt', async () => (await deliveries(id)).items[0]?.attempts === 1);
    // The feed's next turn, as the worker takes it, at a time past the agreement's end.
    const ctx = sut.service.context;
    const turn = await ctx.db.run(T, (m) =>
      preparePush(m, PiiCipher.fromConfig(ctx.serviceConfig), { SHARING_PUSH_INTERVAL_MS: 200 }, T, id, new Date(validUntil.getTime() + 1000)),
    );
    expect(turn).toBeNull();
    expect(await feed(id)).toMatchObject({ state: 'ended', stateReason: `the agreement expired at ${validUntil.toISOString()}` });
    expect((await deliveries(id)).items[0]).toMatchObject({ state: 'cancelled' });
    await new Promise((r) => setTimeout(r, 200)); // an attempt prepared before the end may still be on its way
    const count = at('/expiry').length;
    await new Promise((r) => setTimeout(r, 1_500)); // past the retry that was due
    expect(at('/expiry')).toHaveLength(count);
  });

  it('lets no slow receiver hold up another feed of its tenant or of another tenant', async () => {
    let releaseSlow: (status: number) => void = () => undefined;
    let slowAnswered = false;
    answers.set('/slow', () => new Promise<number>((resolve) => {
      releaseSlow = (status) => {
        slowAnswered = true;
        resolve(status);
      };
      setTimeout(() => releaseSlow(200), 4_000); // below the 5 s timeout: a slow receiver, not a dead one
    }));
    const slow = await approved(T, terms('slow-bureau'));
    const sameTenant = await approved(T, terms('quick-bureau'));
    await enter(otherAgent);
    const otherTenant = await approved(OTHER, terms('env-bureau'));

    expect((await admin('PUT', `/v1/sharing/agreements/${slow}/push`, { url: `${base}/slow` })).status).toBe(200);
    await eventually('the slow receiver holding a batch', async () => at('/slow').length === 1);
    expect((await admin('PUT', `/v1/sharing/agreements/${sameTenant}/push`, { url: `${base}/quick` })).status).toBe(200);
    expect((await otherAdmin('PUT', `/v1/sharing/agreements/${otherTenant}/push`, { url: `${base}/other` })).status).toBe(200);
    await eventually('both other feeds delivered', async () => at('/quick').length > 0 && at('/other').length > 0);
    expect(slowAnswered).toBe(false);
    releaseSlow(200);
    await eventually('the slow batch delivered too', async () => (await deliveries(slow)).items[0]?.state === 'delivered');
    expect(at('/other')[0]!.body).toMatchObject({ tenant: OTHER, agreementId: otherTenant });
    expect((await deliveries(otherTenant, otherSupervisor)).items[0]).toMatchObject({ state: 'delivered' });
  });

  it("keeps a tenant's feed to itself, and names the field of a bad request", async () => {
    const id = await approved(T, terms('audit-office'));
    expect((await admin('PUT', `/v1/sharing/agreements/${id}/push`, { url: `${base}/audit` })).status).toBe(200);

    // Another tenant's admin sees no such agreement, whatever it tries.
    for (const [method, path, body] of [
      ['GET', 'push'],
      ['PUT', 'push', { url: `${base}/stolen` }],
      ['DELETE', 'push'],
      ['POST', 'push/rotate-secret'],
      ['POST', 'push/replay', {}],
      ['GET', 'push/deliveries'],
    ] as Array<[string, string, unknown?]>)
      expect([method, path, (await otherAdmin(method, `/v1/sharing/agreements/${id}/${path}`, body)).status]).toEqual([method, path, 404]);
    expect(await feed(id)).toMatchObject({ url: `${base}/audit` });
    // Roles: the supervisor reads but does not set; a department and an agent do neither.
    expect((await supervisor('PUT', `/v1/sharing/agreements/${id}/push`, { url: `${base}/x` })).status).toBe(403);
    expect((await as(T, 'audit:api', ['data-recipient'], 'audit-office')('GET', `/v1/sharing/agreements/${id}/push`)).status).toBe(403);
    expect((await agent('GET', `/v1/sharing/agreements/${id}/push/deliveries`)).status).toBe(403);

    const fieldOf = async (method: string, path: string, body?: unknown) => {
      const res = await admin(method, path, body);
      return [res.status, res.body.errors?.map((e: { field: string }) => e.field)];
    };
    const push = `/v1/sharing/agreements/${id}/push`;
    expect(await fieldOf('PUT', push, { url: 'ftp://data.example.gov.cn/feed' })).toEqual([400, ['url']]);
    expect(await fieldOf('PUT', push, { url: 'http://data.example.gov.cn/feed' })).toEqual([400, ['url']]);
    expect(await fieldOf('PUT', push, { url: 'https://user:pw@data.example.gov.cn/feed' })).toEqual([400, ['url']]);
    expect(await fieldOf('PUT', push, { url: 'https://data.example.gov.cn/feed', batchSize: 0 })).toEqual([400, ['batchSize']]);
    expect(await fieldOf('PUT', push, { url: 'https://data.example.gov.cn/feed', secret: 'mine' })).toEqual([400, ['(body)']]);
    expect(await fieldOf('PUT', '/v1/sharing/agreements/not-a-uuid/push', { url: 'https://data.example.gov.cn/feed' })).toEqual([400, ['id']]);
    expect(await fieldOf('POST', `${push}/replay`, { cursor: 'nonsense!' })).toEqual([400, ['cursor']]);
    expect(await fieldOf('POST', `${push}/replay`, { since: 'yesterday' })).toEqual([400, ['since']]);
    expect(await fieldOf('GET', `${push}/deliveries?state=lost`)).toEqual([400, ['query.state']]);
    expect(await fieldOf('POST', `${push}/deliveries/nope/redeliver`)).toEqual([400, ['deliveryId']]);

    // Only an active agreement takes a feed; a cleared feed is gone, its log stays.
    const proposed = await admin('POST', '/v1/sharing/agreements', terms('later-office'));
    expect((await admin('PUT', `/v1/sharing/agreements/${proposed.body.id}/push`, { url: `${base}/later` })).body).toMatchObject({ status: 409, code: 'agreement_not_active' });
    expect((await admin('DELETE', push)).status).toBe(204);
    expect((await supervisor('GET', push)).status).toBe(404);
    expect((await admin('DELETE', push)).status).toBe(404);
    expect((await supervisor('GET', `${push}/deliveries`)).status).toBe(200);
  });

  it('documents the feed in the OpenAPI document: the body, the signature, who may call', async () => {
    const doc = (await sut.request('GET', '/docs/openapi.json')).body;
    const feedPath = doc.paths['/v1/sharing/agreements/{id}/push'];
    expect(Object.keys(feedPath).sort()).toEqual(['delete', 'get', 'put']);
    expect(feedPath.put['x-roles']).toEqual(['tenant-admin']);
    expect(feedPath.put.description).toContain('X-Hotline-Signature');
    expect(Object.keys(feedPath.put.requestBody.content['application/json'].schema.properties).sort()).toEqual(['batchSize', 'url']);
    expect(feedPath.get['x-roles']).toEqual(['tenant-admin', 'supervisor']);
    for (const path of ['rotate-secret', 'replay', 'deliveries', 'deliveries/{deliveryId}', 'deliveries/{deliveryId}/redeliver'])
      expect(doc.paths).toHaveProperty([`/v1/sharing/agreements/{id}/push/${path}`]);
    expect(doc.paths['/v1/sharing/agreements/{id}/push/deliveries'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['state', 'limit', 'offset']),
    );
  });
});
