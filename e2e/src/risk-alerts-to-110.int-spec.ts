import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevCertificateAuthority, DevCertificate, issueDevCertificate } from '@hotline/platform';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { deleteNamespaceStreams, eventually, SHARED_NATS_URL, uniqueNamespace } from '@hotline/testing';
import { analyticsService } from '../../services/analytics/src/analytics.service';
import { intakeService } from '../../services/intake/src/intake.service';
import { LinkageSettings } from '../../services/intake/src/linkage/linkage-settings';
import { configureTenant, contact, REQUESTER } from '../../services/intake/test/intake-fixtures';
import { Simulated110 } from '../../tools/linkage-peer/simulated-110';

// A request whose words match a stability-risk pattern (the default 集体上访 of mass-gathering),
// end to end: intake's RequestAccepted → analytics' risk screening raises an alert → AlertRaised
// on analytics' stream → intake's risk-notice consumer → the durable timer → NotifyRisk to the
// city's simulated 110 over mutual TLS → 110's 签收 back through the gateway. A pattern that is
// no stability risk (media-exposure) raises an alert that never reaches 110.

const pem = (c: DevCertificate) => ({ cert: readFileSync(c.certFile), key: readFileSync(c.keyFile) });
const fingerprint = (c: DevCertificate) => new X509Certificate(readFileSync(c.certFile)).fingerprint256;

describe('a risk keyword in a request reaches 110 (intake + analytics + simulated 110, real PostgreSQL and NATS)', () => {
  const namespace = uniqueNamespace();
  let dir: string;
  let intake: ServiceUnderTest;
  let analytics: ServiceUnderTest;
  let police: Simulated110;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'risk-to-110-'));
    const hotlineCa = createDevCertificateAuthority(join(dir, 'hotline'), 'hotline test CA');
    const policeCa = createDevCertificateAuthority(join(dir, 'police'), 'test 110 CA');
    const intakeCert = issueDevCertificate(hotlineCa, 'intake');
    const peerCert = issueDevCertificate(policeCa, 'police-110-a');
    police = new Simulated110({ tls: { ca: readFileSync(hotlineCa.certFile), ...pem(peerCert) }, hotlineFingerprint: fingerprint(intakeCert) });
    const address = await police.start();
    intake = await startServiceUnderTest(intakeService, {
      namespace,
      env: {
        INTERCONNECT_110_GRPC_PORT: '0',
        INTERCONNECT_110_TLS_CA_FILE: policeCa.certFile,
        INTERCONNECT_110_TLS_CERT_FILE: intakeCert.certFile,
        INTERCONNECT_110_TLS_KEY_FILE: intakeCert.keyFile,
        LINKAGE_PEERS: JSON.stringify([{ name: 'police-110-a', tenant: 'city-a', counterpart: '110', fingerprint: fingerprint(peerCert), address }]),
      },
    });
    police.hotlineAddress = `127.0.0.1:${intake.service.app.get(LinkageSettings).gateway?.port}`;
    analytics = await startServiceUnderTest(analyticsService, { namespace });
    await configureTenant(intake, 'city-a');
  });

  afterAll(async () => {
    await police?.stop();
    await intake?.close();
    await analytics?.close();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
    rmSync(dir, { recursive: true, force: true });
  });

  const register = async (content: string) => {
    const res = await intake.as('city-a', ['agent'])('POST', '/v1/requests', contact({ content }));
    expect(res.status).toBe(201);
    return res.body as { id: string; number: string };
  };
  const alertOf = (requestId: string) =>
    eventually(`analytics' alert of ${requestId}`, async () => {
      const res = await analytics.as('city-a', ['supervisor'])('GET', '/v1/alerts?kind=risk');
      return (res.body.items as Array<{ alertId: string; requestIds: string[]; stabilityRisk: boolean }>).find((a) => a.requestIds.includes(requestId));
    });
  const noticesOf = async (alertId: string) =>
    (await intake.as('city-a', ['supervisor'])('GET', `/v1/linkage/risk-notices?alertId=${alertId}`)).body as {
      items: Array<{ id: string; state: string; requests: Array<{ id: string; number: string }> }>;
      total: number;
    };

  it('hands the alert of a stability-risk request to 110, masked, once; an alert of another kind of risk stays with the hotline', async () => {
    // First the pattern that is no stability risk, its alert published before the other's is even raised.
    const media = await register('物业再不修电梯我就找记者曝光');
    const mediaAlert = await alertOf(media.id);
    expect(mediaAlert.stabilityRisk).toBe(false);
    await eventually('analytics published its alert', async () => {
      const [{ n }] = await analytics.service.context.dataSource.query(`select count(*)::int as n from outbox where published_at is null`);
      return n === 0;
    });

    const risky = await register(`小区业主准备明天集体上访堵路，联系电话${REQUESTER.phone}`);
    const alert = await alertOf(risky.id);
    expect(alert.stabilityRisk).toBe(true);
    const notice = await eventually('the notice acknowledged by 110', async () => {
      const [n] = (await noticesOf(alert.alertId)).items;
      return n?.state === 'acknowledged' ? n : undefined;
    });
    expect(notice.requests).toEqual([{ id: risky.id, number: risky.number }]);
    const received = police.riskNotices.get(notice.id);
    expect(received?.request).toMatchObject({
      revision: 1, alertKind: 'risk', riskCategories: expect.arrayContaining(['mass-incident']),
      requests: [{ requestNumber: risky.number, caller: { name: '张**', phone: '138****5678' } }],
    });
    expect(received?.request.requests[0]?.content).toContain('集体上访');
    for (const clear of [REQUESTER.name, REQUESTER.phone, REQUESTER.idNumber]) expect(JSON.stringify(received?.request)).not.toContain(clear);
    expect(police.riskNoticeCalls).toHaveLength(1);
    // The consumer took the media alert before this one (stream order): it made no notice.
    expect((await noticesOf(mediaAlert.alertId)).total).toBe(0);
  });
});
