import { status } from '@grpc/grpc-js';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyticsEventsV1, Events, linkageV1 } from '@hotline/contracts';
import { createDevCertificateAuthority, DevCertificate, issueDevCertificate, uuidv7 } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../../services/intake/src/intake.service';
import { LinkageSettings } from '../../services/intake/src/linkage/linkage-settings';
import { configureTenant, contact, REQUESTER } from '../../services/intake/test/intake-fixtures';
import { Simulated110 } from '../../tools/linkage-peer/simulated-110';

// Stability-risk alerts of analytics handed to 110 (issue 17, ADR 0036): intake's consumer of
// AlertRaised / AlertEscalated records a notice, the durable timers deliver it over the linkage
// gateway's client to a simulated 110 (mutual TLS, pinned both ways), retrying an outage; real
// PostgreSQL and NATS underneath. The alerts are published as analytics' outbox relay would.

const pem = (c: DevCertificate) => ({ cert: readFileSync(c.certFile), key: readFileSync(c.keyFile) });
const fingerprint = (c: DevCertificate) => new X509Certificate(readFileSync(c.certFile)).fingerprint256;

interface NoticeView {
  id: string;
  alertId: string;
  state: string;
  severity: string;
  revision: number;
  attempts: number;
  lastError: string | null;
  sentRevision: number | null;
  acknowledgedRevision: number | null;
  counterpartRef: string | null;
  requests: Array<{ id: string; number: string | null }>;
  [key: string]: unknown;
}

describe('stability-risk notices to 110 (simulated 110 peer, real PostgreSQL and NATS)', () => {
  let dir: string;
  let sut: ServiceUnderTest;
  let peerA: Simulated110; // city-a's 110
  let peerB: Simulated110; // city-b's 110
  let requestA: { id: string; number: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'risk-notices-'));
    const hotline = createDevCertificateAuthority(join(dir, 'hotline'), 'hotline test CA');
    const police = createDevCertificateAuthority(join(dir, 'police'), 'test 110 CA');
    const intakeCert = issueDevCertificate(hotline, 'intake');
    const [certA, certB] = [issueDevCertificate(police, 'police-110-a'), issueDevCertificate(police, 'police-110-b')];
    const peer = (c: DevCertificate) => new Simulated110({ tls: { ca: readFileSync(hotline.certFile), ...pem(c) }, hotlineFingerprint: fingerprint(intakeCert) });
    [peerA, peerB] = [peer(certA), peer(certB)];
    const [addressA, addressB] = [await peerA.start(), await peerB.start()];
    sut = await startServiceUnderTest(intakeService, {
      env: {
        INTERCONNECT_110_GRPC_PORT: '0',
        INTERCONNECT_110_TLS_CA_FILE: police.certFile,
        INTERCONNECT_110_TLS_CERT_FILE: intakeCert.certFile,
        INTERCONNECT_110_TLS_KEY_FILE: intakeCert.keyFile,
        // city-c has no 110 peer.
        LINKAGE_PEERS: JSON.stringify([
          { name: 'police-110-a', tenant: 'city-a', counterpart: '110', fingerprint: fingerprint(certA), address: addressA },
          { name: 'police-110-b', tenant: 'city-b', counterpart: '110', fingerprint: fingerprint(certB), address: addressB },
        ]),
        LINKAGE_RISK_NOTICE_RETRY_BASE_MS: '200',
        LINKAGE_RISK_NOTICE_RETRY_MAX_MS: '1000',
      },
    });
    const gateway = `127.0.0.1:${sut.service.app.get(LinkageSettings).gateway?.port}`;
    for (const p of [peerA, peerB]) p.hotlineAddress = gateway;
    for (const tenant of ['city-a', 'city-b', 'city-c']) await configureTenant(sut, tenant);
    const created = await sut.as('city-a', ['agent'])('POST', '/v1/requests', contact({ content: `小区业主准备明天集体上访堵路，联系电话${REQUESTER.phone}` }));
    expect(created.status).toBe(201);
    requestA = { id: created.body.id, number: created.body.number };
  });

  afterAll(async () => {
    await Promise.all([peerA, peerB].map((p) => p?.stop()));
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const alert = (over: Partial<analyticsEventsV1.Alert> = {}): analyticsEventsV1.Alert => {
    const at = new Date().toISOString();
    return {
      alertId: uuidv7(), kind: 'risk', severity: 'high', categoryCode: '010101', areaCode: '320102', count: '1', expected: 0, threshold: '0',
      windowStart: at, windowEnd: at, requestIds: [requestA.id], riskCategories: ['mass-incident'], stabilityRisk: true, raisedAt: at, updatedAt: at,
      ...over,
    };
  };
  const raise = (tenant: string, a: analyticsEventsV1.Alert, messageId?: string) => publishEvent(sut, Events.analytics.alertRaised, tenant, { alert: a }, messageId);
  const escalate = (tenant: string, a: analyticsEventsV1.Alert, previousSeverity: string) =>
    publishEvent(sut, Events.analytics.alertEscalated, tenant, { alert: a, previousSeverity });
  const notices = async (tenant: string, query = ''): Promise<{ items: NoticeView[]; total: number }> => {
    const res = await sut.as(tenant, ['supervisor'])('GET', `/v1/linkage/risk-notices${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const noticeOf = (tenant: string, alertId: string, until: (n: NoticeView) => boolean) =>
    eventually(`notice of alert ${alertId}`, async () => {
      const [n] = (await notices(tenant, `?alertId=${alertId}`)).items;
      return n && until(n) ? n : undefined;
    });
  const callsFor = (ref: string) => peerA.riskNoticeCalls.filter((c) => c.noticeRef === ref);
  const audit = (tenant: string, reference: string) =>
    sut.service.context.db.read(tenant, (m) =>
      m.query(`select direction, method, outcome from linkage_audit where reference = $1 order by id`, [reference]),
    ) as Promise<Array<{ direction: string; method: string; outcome: string }>>;

  it('delivers one notice of a stability-risk alert to the hotline’s 110, masked, and records 110’s receipt and 签收', async () => {
    const a = alert();
    await raise('city-a', a);
    const notice = await noticeOf('city-a', a.alertId, (n) => n.state === 'acknowledged');
    expect(notice).toMatchObject({
      alertKind: 'risk', severity: 'high', riskCategories: ['mass-incident'], revision: 1, sentRevision: 1, acknowledgedRevision: 1, attempts: 1,
      summary: '风险与舆情预警：群体性；严重；诉求1件；区域320102；类别010101', requests: [{ id: requestA.id, number: requestA.number }],
      peer: 'police-110-a', counterpartRef: expect.stringMatching(/^FX\d{8}$/), acknowledgedBy: 'linkage:police-110-a:110-0042', lastError: null,
    });
    const received = peerA.riskNotices.get(notice.id);
    expect(received?.revisions).toEqual([1]);
    expect(received?.request).toMatchObject({
      noticeRef: notice.id, revision: 1, level: linkageV1.RiskLevel.RISK_LEVEL_HIGH, alertKind: 'risk', riskCategories: ['mass-incident'],
      location: { areaCode: '320102' }, requestCount: 1,
      requests: [{ requestNumber: requestA.number, requestId: requestA.id, caller: { name: '张**', phone: '138****5678' } }],
    });
    // No clear identity leaves: not the name, not the phone (in the identity or in the text), not the id number.
    const sent = JSON.stringify(received?.request);
    for (const clear of [REQUESTER.name, REQUESTER.phone, REQUESTER.idNumber]) expect(sent).not.toContain(clear);
    expect(received?.request.requests[0]?.content).toContain('138****5678');
    expect(await audit('city-a', notice.id)).toEqual([
      { direction: 'outgoing', method: 'NotifyRisk', outcome: 'ok' },
      { direction: 'incoming', method: 'AcknowledgeRisk', outcome: 'ok' },
    ]);
    const one = await sut.as('city-a', ['tenant-admin'])('GET', `/v1/linkage/risk-notices/${notice.id}`);
    expect(one.body).toMatchObject({ id: notice.id, state: 'acknowledged', stateLabel: { zh: '110已签收' } });
  });

  it('makes no notice of an alert that is no stability risk', async () => {
    const quiet = alert({ riskCategories: ['media'], stabilityRisk: false });
    const marker = alert();
    await raise('city-a', quiet);
    // The consumer takes its stream in order: once the later alert's notice is there, the earlier one was applied.
    await raise('city-a', marker);
    await noticeOf('city-a', marker.alertId, () => true);
    expect((await notices('city-a', `?alertId=${quiet.alertId}`)).total).toBe(0);
    expect([...peerA.riskNoticeCalls].some((c) => (c.riskCategories ?? []).includes('media'))).toBe(false);
  });

  it('keeps one notice for an alert raised twice (a redelivery, or the event published again)', async () => {
    const a = alert();
    const messageId = await raise('city-a', a);
    await raise('city-a', a, messageId); // the same message: the inbox takes it once
    await raise('city-a', a); // the same alert under another message id: the notice is found
    const marker = alert();
    await raise('city-a', marker);
    await noticeOf('city-a', marker.alertId, (n) => n.state === 'acknowledged');
    const notice = await noticeOf('city-a', a.alertId, (n) => n.state === 'acknowledged');
    expect((await notices('city-a', `?alertId=${a.alertId}`)).total).toBe(1);
    expect(callsFor(notice.id)).toHaveLength(1);
    expect(peerA.riskNotices.get(notice.id)?.revisions).toEqual([1]);
  });

  it('sends an escalated alert again as the next revision, ignores a late lower one, and makes a notice of an alert that became a stability risk', async () => {
    const a = alert({ severity: 'medium' });
    await raise('city-a', a);
    const first = await noticeOf('city-a', a.alertId, (n) => n.state === 'acknowledged');
    await escalate('city-a', { ...a, severity: 'critical', riskCategories: ['mass-incident', 'extreme'], count: '2' }, 'medium');
    const second = await noticeOf('city-a', a.alertId, (n) => n.revision === 2 && n.state === 'acknowledged');
    expect(second).toMatchObject({ id: first.id, severity: 'critical', sentRevision: 2, acknowledgedRevision: 2, requestCount: 2 });
    expect(peerA.riskNotices.get(first.id)?.revisions).toEqual([1, 2]);
    expect(peerA.riskNotices.get(first.id)?.request).toMatchObject({ revision: 2, level: linkageV1.RiskLevel.RISK_LEVEL_CRITICAL, riskCategories: ['mass-incident', 'extreme'] });

    await escalate('city-a', { ...a, severity: 'high' }, 'medium'); // delivered late: lower than what 110 has
    const surge = alert({ kind: 'surge', riskCategories: [], stabilityRisk: false, severity: 'medium', count: '9' });
    await raise('city-a', surge);
    await escalate('city-a', { ...surge, severity: 'high', stabilityRisk: true }, 'medium');
    const made = await noticeOf('city-a', surge.alertId, (n) => n.state === 'acknowledged');
    expect(made).toMatchObject({ alertKind: 'surge', severity: 'high', revision: 1, requestCount: 9 });
    expect(await noticeOf('city-a', a.alertId, () => true)).toMatchObject({ revision: 2, severity: 'critical' });
    expect(callsFor(first.id)).toHaveLength(2);
  });

  it('retries through a 110 outage with a doubling wait, and the notice arrives once', async () => {
    peerA.failRiskNotices = 2;
    const a = alert({ severity: 'critical' });
    await raise('city-a', a);
    const notice = await noticeOf('city-a', a.alertId, (n) => n.state === 'acknowledged');
    expect(notice).toMatchObject({ attempts: 3, lastError: null, sentRevision: 1 });
    const calls = callsFor(notice.id);
    expect(calls).toHaveLength(3);
    expect(peerA.riskNotices.get(notice.id)?.revisions).toEqual([1]);
    expect((await audit('city-a', notice.id)).map((r) => r.outcome)).toEqual([`grpc-${status.UNAVAILABLE}`, `grpc-${status.UNAVAILABLE}`, 'ok', 'ok']);
    // 200 ms, then 400 ms (base × 2ⁿ⁻¹): the third call comes later after the second than the second after the first.
    const at = calls.map((c) => Date.parse(c.sentAt ?? ''));
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(200);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(400);
  });

  it('shows each hotline only its own notices, and a 110 cannot acknowledge another hotline’s', async () => {
    const [mine] = (await notices('city-a', '?state=acknowledged&limit=1')).items;
    expect(mine).toBeDefined();
    expect(await notices('city-b')).toMatchObject({ items: [], total: 0 });
    expect((await sut.as('city-b', ['supervisor'])('GET', `/v1/linkage/risk-notices/${mine!.id}`)).status).toBe(404);
    expect(peerB.riskNoticeCalls).toEqual([]);
    await expect(
      peerB.call((c) => c.acknowledgeRisk, { noticeRef: mine!.id, revision: 1, acknowledgedBy: 'x' }),
    ).rejects.toMatchObject({ code: status.NOT_FOUND });
    // A malformed acknowledgement names its field; 12345 takes no risk notices from a peer.
    await expect(peerA.call((c) => c.acknowledgeRisk, { noticeRef: 'JQ-1', revision: 1 })).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT, details: expect.stringContaining('noticeRef'),
    });
    await expect(peerA.call((c) => c.notifyRisk, { noticeRef: 'x', riskCategories: [], requests: [] })).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
  });

  it('marks a notice failed when the hotline has no 110 peer, and sends it again on a tenant admin’s request', async () => {
    const a = alert({ requestIds: [uuidv7()] });
    await raise('city-c', a);
    const failed = await noticeOf('city-c', a.alertId, (n) => n.state === 'failed');
    expect(failed).toMatchObject({ attempts: 1, lastError: expect.stringContaining('no 110 peer'), requests: [{ id: a.requestIds[0], number: null }] });
    expect((await sut.as('city-c', ['supervisor'])('POST', `/v1/linkage/risk-notices/${failed.id}/resend`)).status).toBe(403);
    const resent = await sut.as('city-c', ['tenant-admin'])('POST', `/v1/linkage/risk-notices/${failed.id}/resend`);
    expect(resent).toMatchObject({ status: 202, body: { state: 'pending', attempts: 0 } });
    await noticeOf('city-c', a.alertId, (n) => n.state === 'failed' && n.attempts === 1);
    // Only a failed notice is sent again.
    const [acknowledged] = (await notices('city-a', '?state=acknowledged&limit=1')).items;
    expect((await sut.as('city-a', ['tenant-admin'])('POST', `/v1/linkage/risk-notices/${acknowledged!.id}/resend`)).status).toBe(409);
  });

  it('refuses bad queries naming the field, and staff other than supervisors and tenant admins', async () => {
    const bad = await sut.as('city-a', ['supervisor'])('GET', '/v1/linkage/risk-notices?state=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.state']);
    expect((await sut.as('city-a', ['supervisor'])('GET', '/v1/linkage/risk-notices/not-a-uuid')).status).toBe(400);
    expect((await sut.as('city-a', ['agent'])('GET', '/v1/linkage/risk-notices')).status).toBe(403);
    const page = await notices('city-a', '?limit=2&offset=1');
    expect(page).toMatchObject({ limit: 2, offset: 1 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(6);
  });
});
