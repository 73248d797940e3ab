import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Events } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually, queryAsTenant } from '@hotline/testing';
import { analyticsService } from '../src/analytics.service';
import { SIGNATURE_HEADER, verifyWebhook } from '../src/deliveries/webhook-signature';
import { BoardMessage, boardMessages, briefOf } from './support/board-replay';
import { analyticsDrained } from './support/drained';

const HOUR = 3_600_000;
const REPLAY = 'city-replay';
const HOOKED = 'city-hooked';

// The surge injected into the replay: 12 environment requests in A8县 within 5 hours of a Wednesday.
const SURGE_KEY = { categoryCode: 'environment', areaCode: '430108' };
const SURGE_START = new Date('2025-06-11T09:00:00+08:00');
const injected = Array.from({ length: 12 }, (_, i) => ({
  requestId: `surge-${i}`, ...SURGE_KEY, at: new Date(SURGE_START.getTime() + i * 25 * 60_000), title: '小区旁工厂夜间排放刺鼻异味', content: '夜里气味很重，无法入睡。',
}));
/** The tenant's false-alert budget for the quiet periods of the year replayed: at most two a month. */
const FALSE_ALERT_BUDGET_PER_30_DAYS = 2;

describe('early warning: surges, risk patterns and signed webhook delivery (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let board: BoardMessage[];
  const admin = (tenant: string) => sut.as(tenant, ['tenant-admin']);
  const count = async (tenant: string, sql: string) => Number((await queryAsTenant<{ n: string }>(sut.db.url, tenant, sql))[0]?.n);

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService, { env: { ALERT_DELIVERY_RETRY_BASE_MS: '300', TIMER_POLL_MS: '100' } });
    board = boardMessages();
  });
  afterAll(() => sut?.close());

  describe('a year of the 泰迪杯 board replayed in time order, with a surge injected', () => {
    let surgeAlerts: Array<Record<string, unknown>>;

    beforeAll(async () => {
      // No deliveries here; the tenant keeps the default thresholds and quiet hours.
      const stream = [...board.map((m) => ({ ...m, requestId: `m-${m.id}` })), ...injected].sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const r of stream) await publishEvent(sut, Events.intake.requestAccepted, REPLAY, { request: briefOf(r) });
      await eventually('every request counted', async () => (await count(REPLAY, 'select count(*) as n from hotspot_requests')) === stream.length, 300_000);
      await eventually('every request clustered', async () => (await count(REPLAY, 'select count(*) as n from cluster_members')) === stream.length, 300_000);
      surgeAlerts = await queryAsTenant(sut.db.url, REPLAY, `select * from alerts where kind = 'surge' order by raised_at`);
      const risk = await queryAsTenant(sut.db.url, REPLAY, `select unnest(risk_categories) as category, count(*) as n from alerts where kind = 'risk' group by 1 order by 2 desc`);
      console.log(`risk alerts on the replay with the default patterns: ${risk.map((r) => `${r.category} ${r.n}`).join(', ')}`);
    }, 420_000);

    it('fires the injected surge once, within its window, and updates it as the surge grows', async () => {
      const mine = surgeAlerts.filter((a) => a.category_code === SURGE_KEY.categoryCode && a.area_code === SURGE_KEY.areaCode && (a.raised_at as Date) >= SURGE_START);
      expect(mine).toHaveLength(1);
      const alert = mine[0] as Record<string, unknown>;
      const firedAfter = (alert.raised_at as Date).getTime() - SURGE_START.getTime();
      console.log(`surge: fired ${firedAfter / 60_000} min after its first request (window 24 h), count ${alert.count}, expected ${Number(alert.expected).toFixed(3)}, threshold ${alert.threshold}, severity ${alert.severity}`);
      expect(firedAfter).toBeLessThanOrEqual(24 * HOUR);
      expect(alert.count).toBe(12);
      expect(alert.request_ids).toEqual(expect.arrayContaining(injected.map((r) => r.requestId)));
      const view = (await sut.as(REPLAY, ['supervisor'])('GET', `/v1/alerts/${alert.alert_id}`)).body;
      expect(view).toMatchObject({ kind: 'surge', count: 12, categoryCode: 'environment', areaCode: '430108', links: { self: `/v1/alerts/${alert.alert_id}` } });
      // Raised once on the bus: one AlertRaised, escalations only when the severity rose.
      const raised = await count(REPLAY, `select count(*) as n from outbox where event_type = 'hotline.analytics.v1.AlertRaised' and aggregate_id = '${alert.alert_id}'`);
      expect(raised).toBe(1);
    });

    it('keeps the quiet periods under the tenant’s false-alert budget', () => {
      const first = board[0]?.at.getTime() ?? 0;
      const last = board[board.length - 1]?.at.getTime() ?? 0;
      const days = (last - first) / (24 * HOUR);
      const others = surgeAlerts.filter((a) => !(a.category_code === SURGE_KEY.categoryCode && a.area_code === SURGE_KEY.areaCode && (a.raised_at as Date) >= SURGE_START));
      const budget = Math.floor((days / 30) * FALSE_ALERT_BUDGET_PER_30_DAYS);
      console.log(
        `replay: ${board.length} board messages + ${injected.length} injected over ${days.toFixed(0)} days; surge alerts outside the injection: ` +
          `${others.length} (budget ${budget} = ${FALSE_ALERT_BUDGET_PER_30_DAYS} per 30 days)\n` +
          others.map((a) => `  ${(a.raised_at as Date).toISOString()} ${a.category_code} × ${a.area_code}: ${a.count} vs expected ${Number(a.expected).toFixed(2)} (${a.severity})`).join('\n'),
      );
      expect(others.length).toBeLessThanOrEqual(budget);
    });

    it('clusters requests about the same matter and ranks the clusters by heat', async () => {
      const byRequest = new Map(board.map((m) => [`m-${m.id}`, m]));
      const top = (await sut.as(REPLAY, ['supervisor'])('GET', '/v1/clusters?limit=12')).body.items as Array<Record<string, unknown>>;
      const lines: string[] = [];
      for (const c of top) {
        const detail = (await sut.as(REPLAY, ['supervisor'])('GET', `/v1/clusters/${String(c.clusterId)}`)).body;
        const members = (detail.members as Array<{ requestId: string }>).map((x) => byRequest.get(x.requestId));
        const likes = members.reduce((n, x) => n + (x?.likes ?? 0), 0);
        const title = members.find(Boolean)?.title ?? injected[0]?.title;
        lines.push(`  heat ${String(c.heat).padStart(8)}  ${String(c.requests).padStart(3)} requests, ${String(c.requesters).padStart(3)} requesters, ${c.areaCode}, board likes ${likes}: ${title?.slice(0, 40)}`);
      }
      console.log(`clusters on the replay, hottest first (heat from events; the board's likes shown beside, not used):\n${lines.join('\n')}`);
      expect(top.length).toBeGreaterThan(5);
      const heats = top.map((c) => c.heat as number);
      expect([...heats].sort((a, b) => b - a)).toEqual(heats);
      // The figures, kept up one request at a time, are what a recount over every cluster's members gives.
      const kept = await queryAsTenant(sut.db.url, REPLAY, `select cluster_id, requests, requesters, first_at, last_at from request_clusters order by cluster_id`);
      const recounted = await queryAsTenant(
        sut.db.url,
        REPLAY,
        `select cluster_id, count(*)::int as requests, count(distinct coalesce(requester_key, request_id))::int as requesters,
                min(received_at) as first_at, max(received_at) as last_at
           from cluster_members group by cluster_id order by cluster_id`,
      );
      expect(kept.length).toBeGreaterThan(100);
      expect(kept).toEqual(recounted);

      // The injected surge is one matter: one cluster of its 12 requests.
      const injectedClusters = await queryAsTenant(sut.db.url, REPLAY, `select distinct cluster_id from cluster_members where request_id like 'surge-%'`);
      expect(injectedClusters).toHaveLength(1);
      // The board's re-postings (one user, one title, within 30 days) land in one cluster.
      const members = new Map((await queryAsTenant<{ request_id: string; cluster_id: string }>(sut.db.url, REPLAY, 'select request_id, cluster_id from cluster_members')).map((r) => [r.request_id, r.cluster_id]));
      const reposts = new Map<string, BoardMessage[]>();
      for (const m of board) reposts.set(`${m.userId}|${m.title}`, [...(reposts.get(`${m.userId}|${m.title}`) ?? []), m]);
      const groups = [...reposts.values()].filter((g) => g.length > 1 && (g[g.length - 1] as BoardMessage).at.getTime() - (g[0] as BoardMessage).at.getTime() <= 30 * 24 * HOUR);
      const together = groups.filter((g) => new Set(g.map((m) => members.get(`m-${m.id}`))).size === 1).length;
      console.log(`re-postings: ${together} of ${groups.length} groups in one cluster`);
      expect(together / groups.length).toBeGreaterThanOrEqual(0.8);
    });
  });

  describe('a risk keyword delivered to a webhook that fails once', () => {
    let receiver: Server;
    const SECRET = 'whsec-test-0123456789abcdef';
    const received: Array<{ body: string; signatureValid: boolean; answered: number }> = [];

    beforeAll(async () => {
      receiver = createServer((req: IncomingMessage, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const signatureValid = verifyWebhook(SECRET, body, String(req.headers[SIGNATURE_HEADER] ?? ''));
          const answered = !signatureValid ? 401 : received.length === 0 ? 503 : 204;
          received.push({ body, signatureValid, answered });
          res.statusCode = answered;
          res.end();
        });
      });
      await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/alerts`;
      const settings = (await admin(HOOKED)('GET', '/v1/hotspot-settings')).body;
      expect(settings).toMatchObject({ isDefault: true, windowHours: 24 });
      const { isDefault: _default, ...hotspot } = settings;
      expect((await admin(HOOKED)('PUT', '/v1/hotspot-settings', { ...hotspot, quietFrom: null, quietTo: null })).status).toBe(200);
      const put = await admin(HOOKED)('PUT', '/v1/alert-endpoints/supervisors', { url, secret: SECRET, kinds: ['risk', 'surge'], minSeverity: 'medium', active: true });
      expect(put.status).toBe(200);
      expect(put.body).not.toHaveProperty('secret');
    });
    afterAll(() => new Promise<void>((done) => receiver.close(() => done())));

    it('raises a stability-risk alert and delivers it signed, retried after the receiver failed once', async () => {
      await publishEvent(sut, Events.intake.requestAccepted, HOOKED, {
        request: briefOf({ requestId: 'risk-1', categoryCode: 'housing', areaCode: '430103', at: new Date(), title: '拖欠工资', content: '明天几十名工人准备集体上访并拉横幅' }),
      });
      // An ordinary request raises nothing.
      await publishEvent(sut, Events.intake.requestAccepted, HOOKED, {
        request: briefOf({ requestId: 'calm-1', categoryCode: 'housing', areaCode: '430103', at: new Date(), title: '咨询公租房', content: '请问如何申请' }),
      });
      await eventually('delivered after one failure', async () => received.some((r) => r.answered === 204), 20_000);
      expect(received.map((r) => [r.signatureValid, r.answered])).toEqual([[true, 503], [true, 204]]);
      const payload = JSON.parse(received[1]?.body ?? '{}');
      expect(payload).toMatchObject({ type: 'alert.raised', tenant: HOOKED, alert: { kind: 'risk', severity: 'high', stabilityRisk: true, riskCategories: ['mass-incident', 'escalation'], requestIds: ['risk-1'] } });
      expect(received[1]?.body).not.toContain('集体上访');

      const alerts = (await sut.as(HOOKED, ['supervisor'])('GET', '/v1/alerts?kind=risk')).body.items;
      expect(alerts.map((a: { requestIds: string[] }) => a.requestIds)).toEqual([['risk-1']]);
      const [delivery] = (await sut.as(HOOKED, ['supervisor'])('GET', `/v1/alert-deliveries?alertId=${alerts[0].alertId}`)).body.items;
      // The receiver has answered before the delivery's outcome is committed: wait for that.
      const readLog = async () => (await sut.as(HOOKED, ['supervisor'])('GET', `/v1/alert-deliveries/${delivery.deliveryId}`)).body;
      await eventually('outcome recorded', async () => (await readLog()).state === 'delivered');
      const log = await readLog();
      expect(log).toMatchObject({ state: 'delivered', attempts: 2, log: [{ attempt: 1, status: 503 }, { attempt: 2, status: 204, error: null }] });
      console.log(`delivery log: ${JSON.stringify(log.log)}`);

      // Replay: sent once more, the log goes on.
      expect((await admin(HOOKED)('POST', `/v1/alert-deliveries/${delivery.deliveryId}/replay`)).status).toBe(202);
      await eventually('replayed', async () => received.length === 3);
      expect(received[2]).toMatchObject({ signatureValid: true, answered: 204 });
      await eventually('logged', async () => (await sut.as(HOOKED, ['supervisor'])('GET', `/v1/alert-deliveries/${delivery.deliveryId}`)).body.attempts === 3);
    });

    it('announces the alert on the bus through the outbox', async () => {
      await eventually('published', async () => {
        const rows = await queryAsTenant(sut.db.url, HOOKED, `select published_at from outbox where event_type = 'hotline.analytics.v1.AlertRaised' and tenant_id = $1`, [HOOKED]);
        return rows.length === 1 && rows.every((r) => r.published_at !== null);
      });
    });

    it('keeps tenants apart: another tenant sees none of these alerts, and a city’s alert is 404 to it', async () => {
      const [alert] = (await sut.as(HOOKED, ['supervisor'])('GET', '/v1/alerts')).body.items;
      expect((await sut.as('city-other', ['supervisor'])('GET', '/v1/alerts')).body.items).toEqual([]);
      expect((await sut.as('city-other', ['supervisor'])('GET', `/v1/alerts/${alert.alertId}`)).status).toBe(404);
    });

    it('shows the province operator every city’s aggregates, and a 404 on a city’s alert', async () => {
      const province = sut.as('province-32', ['province-operator']);
      // The volumes are the read model's (its own consumer), not early warning's: wait for it to have read the replay.
      await analyticsDrained(sut);
      const overview = await province('GET', '/v1/province/overview');
      expect(overview.status).toBe(200);
      const byCity = new Map((overview.body.items as Array<{ tenant: string }>).map((i) => [i.tenant, i]));
      expect(byCity.get(HOOKED)).toMatchObject({ requests: 2, riskAlerts: 1, surgeAlerts: 0 });
      expect(byCity.get(REPLAY)).toMatchObject({ requests: board.length + injected.length, hotspots: expect.arrayContaining([{ categoryCode: 'environment', areaCode: '430108', count: 12, severity: 'high' }]) });
      expect(overview.body.totals.requests).toBeGreaterThanOrEqual(board.length + injected.length + 2);
      expect(JSON.stringify(overview.body)).not.toMatch(/risk-1|surge-0|m-\d/);
      const [alert] = (await sut.as(HOOKED, ['supervisor'])('GET', '/v1/alerts')).body.items;
      const refused = await province('GET', `/v1/alerts/${alert.alertId}`);
      expect(refused.status).toBe(404);
      expect(refused.type).toContain('application/problem+json');
      // A city's own operator is no province.
      expect((await sut.as(HOOKED, ['province-operator'])('GET', '/v1/province/overview')).status).toBe(403);
    });
  });
});
