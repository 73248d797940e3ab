import { status } from '@grpc/grpc-js';
import { X509Certificate } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events, linkageV1 } from '@hotline/contracts';
import { createDevCertificateAuthority, DevCertificate, issueDevCertificate, selfSignedDevCertificate } from '@hotline/platform';
import { publishEvent, registerTestTenant, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../../services/intake/src/intake.service';
import { LinkageSettings } from '../../services/intake/src/linkage/linkage-settings';
import { Simulated110 } from '../../tools/linkage-peer/simulated-110';

// The 12345↔110 interconnect end to end: intake's linkage gateway and a simulated 110 platform,
// each with its own certificate from its own CA, over real mutual TLS with the other's
// certificate pinned; real PostgreSQL and NATS underneath (outbox, consumers, durable timers).

const pem = (c: DevCertificate) => ({ cert: readFileSync(c.certFile), key: readFileSync(c.keyFile) });
const fingerprint = (c: DevCertificate) => new X509Certificate(readFileSync(c.certFile)).fingerprint256;

const TAXONOMY = [
  { code: '01', name: '城乡建设', level: 1 },
  { code: '0101', name: '住房保障', parentCode: '01', level: 2 },
  { code: '010101', name: '物业管理', parentCode: '0101', level: 3 },
];
const contact = {
  channel: 'phone',
  requester: { name: '张三丰', phone: '13812345678' },
  content: '楼下有人持刀威胁邻居',
  areaCode: '320102',
  requestType: 'help',
  urgency: 'urgent',
  categoryCode: '010101',
  scope: { decision: 'in-scope' },
};

describe('12345↔110 interconnect over mutual TLS (simulated 110 peer, real PostgreSQL and NATS)', () => {
  let dir: string;
  let sut: ServiceUnderTest;
  let peerA: Simulated110; // city-a's 110
  let peerB: Simulated110; // city-b's 110
  let unpinned: Simulated110; // signed by the 110 CA, pinned for no hotline
  let unsigned: Simulated110; // city-a's identity, self-signed
  let hotlineCa: string;
  // A 120 dispatch centre's webhook (the hand-off adapter of city-a's 120), answering with its reference.
  let ambulance: Server;
  const handoffs: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linkage-e2e-'));
    const hotline = createDevCertificateAuthority(join(dir, 'hotline'), 'hotline test CA');
    const police = createDevCertificateAuthority(join(dir, 'police'), 'test 110 CA');
    const intakeCert = issueDevCertificate(hotline, 'intake');
    const certA = issueDevCertificate(police, 'police-110-a');
    const certB = issueDevCertificate(police, 'police-110-b');
    const certRogue = issueDevCertificate(police, 'police-110-rogue');
    const certSelf = selfSignedDevCertificate(join(dir, 'self'), 'police-110-a');
    hotlineCa = hotline.certFile;
    const peer = (c: DevCertificate) => new Simulated110({ tls: { ca: readFileSync(hotlineCa), ...pem(c) }, hotlineFingerprint: fingerprint(intakeCert) });
    [peerA, peerB, unpinned, unsigned] = [peer(certA), peer(certB), peer(certRogue), peer(certSelf)];
    const [addressA, addressB] = [await peerA.start(), await peerB.start()];
    ambulance = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        handoffs.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ reference: `120-${handoffs.length}` }));
      });
    });
    await new Promise<void>((resolve) => ambulance.listen(0, '127.0.0.1', resolve));
    sut = await startServiceUnderTest(intakeService, {
      env: {
        INTERCONNECT_110_GRPC_PORT: '0',
        INTERCONNECT_110_TLS_CA_FILE: police.certFile,
        INTERCONNECT_110_TLS_CERT_FILE: intakeCert.certFile,
        INTERCONNECT_110_TLS_KEY_FILE: intakeCert.keyFile,
        LINKAGE_PEERS: JSON.stringify([
          { name: 'police-110-a', tenant: 'city-a', counterpart: '110', fingerprint: fingerprint(certA), address: addressA },
          { name: 'police-110-b', tenant: 'city-b', counterpart: '110', fingerprint: fingerprint(certB), address: addressB },
        ]),
        LINKAGE_DECISION_TIMEOUT_SECONDS: '2',
        LINKAGE_HANDOFF_ADAPTERS: JSON.stringify({ '120': { kind: 'webhook', url: `http://127.0.0.1:${(ambulance.address() as AddressInfo).port}/handoffs` } }),
      },
    });
    const gateway = `127.0.0.1:${sut.service.app.get(LinkageSettings).gateway?.port}`;
    for (const p of [peerA, peerB, unpinned, unsigned]) p.hotlineAddress = gateway;
    for (const tenant of ['city-a', 'city-b']) {
      await registerTestTenant(sut.service, tenant);
      const admin = sut.as(tenant, ['tenant-admin']);
      expect((await admin('POST', '/v1/channels', { code: 'phone', name: '12345 热线电话', kind: 'phone' })).status).toBe(201);
      expect((await admin('PUT', '/v1/categories', { categories: TAXONOMY })).status).toBe(200);
    }
  });

  afterAll(async () => {
    await Promise.all([peerA, peerB, unpinned, unsigned].map((p) => p?.stop()));
    await sut?.close();
    await new Promise((resolve) => ambulance?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const agent = (tenant = 'city-a') => sut.as(tenant, ['agent']);
  const register = async () => {
    const res = await agent()('POST', '/v1/requests', contact);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const transferOf = (id: string, until: (t: { state: string; progress: unknown[] }) => boolean) =>
    eventually(`transfer ${id}`, async () => {
      const res = await agent()('GET', `/v1/linkage/transfers/${id}`);
      return res.status === 200 && until(res.body) ? res.body : undefined;
    });
  const requestOf = async (id: string, tenant = 'city-a') => (await agent(tenant)('GET', `/v1/requests/${id}`)).body;
  const audit = async (tenant: string) =>
    sut.service.context.db.read(tenant, (m) => m.query(`select peer, direction, method, outcome from linkage_audit order by id`)) as Promise<
      Array<{ peer: string; direction: string; method: string; outcome: string }>
    >;

  it('12345→110 accepted: the peer reports received … closed, and the request closes as referred to the police', async () => {
    peerA.behaviour = 'accept';
    // An illustrative list (the real 9类64项 lists are each city's data): the request matches T1-01 by its text.
    const list = await sut.as('city-a', ['tenant-admin'])('PUT', '/v1/linkage/transfer-list', {
      direction: 'outgoing',
      items: [
        { counterpart: '110', code: 'T1-01', className: '治安类', itemName: '持械威胁他人', keywords: ['持刀', '持械'] },
        { counterpart: '110', code: 'T1-02', className: '求助类', itemName: '人员走失', keywords: ['走失'] },
      ],
    });
    expect(list.body).toEqual({ direction: 'outgoing', count: 2 });
    const requestId = await register();
    const suggested = await sut.as('city-a', ['dispatcher'])('GET', `/v1/requests/${requestId}/linkage-suggestions`);
    expect(suggested.body.suggestions).toEqual([expect.objectContaining({ code: 'T1-01', counterpart: '110', why: ['keyword 持刀'] })]);
    const offered = await agent()('POST', `/v1/requests/${requestId}/linkage-transfers`, { counterpart: '110', method: 'one-key-transfer', listItemCode: 'T1-01' });
    expect(offered.status).toBe(201);
    expect(offered.body).toMatchObject({ state: 'offered', direction: 'outgoing', counterpart: '110', method: 'one-key-transfer' });

    const transfer = await transferOf(offered.body.id, (t) => t.state === 'accepted' && t.progress.length === 4);
    expect(transfer).toMatchObject({ counterpartRef: expect.stringMatching(/^JJ\d{8}$/), decidedBy: 'linkage:police-110-a:110-0042' });
    expect(transfer.progress.map((p: { step: string }) => p.step)).toEqual(['received', 'dispatched', 'handled', 'closed']);
    const matter = peerA.matters.get(offered.body.id);
    expect(matter?.request).toMatchObject({
      method: linkageV1.TransferMethod.TRANSFER_METHOD_ONE_KEY_TRANSFER, urgency: linkageV1.Urgency.URGENCY_URGENT, listItemCode: 'T1-01',
    });
    // The caller's identity leaves masked only.
    expect(matter?.request.caller).toEqual({ name: '张**', phone: '138****5678' });

    const request = await requestOf(requestId);
    expect(request.status).toBe('not-accepted');
    const steps = request.timeline.map((t: { eventType: string }) => t.eventType);
    expect(steps).toEqual(expect.arrayContaining(['intake.linkage-offered', 'intake.linkage-accepted', 'intake.linkage-received', 'intake.linkage-closed']));
    expect(request.timeline.find((t: { eventType: string }) => t.eventType === 'intake.linkage-accepted')).toMatchObject({
      status: 'not-accepted', reason: 'refer-police',
    });
    expect(peerA.failures).toEqual([]);
  });

  it('12345→110 declined: the reason is on the timeline and the request is back in the agent’s queue, to offer again', async () => {
    peerA.behaviour = 'decline';
    const requestId = await register();
    const offered = await agent()('POST', `/v1/requests/${requestId}/linkage-transfers`, { counterpart: '110', method: 'system-push', listItemCode: 'T1-03' });
    const transfer = await transferOf(offered.body.id, (t) => t.state === 'declined');
    expect(transfer).toMatchObject({ declineReason: 'not-in-scope', decisionNote: '不属于公安机关职责' });
    expect((await requestOf(requestId)).status).toBe('registered');
    const queue = await agent()('GET', '/v1/linkage/transfers?offeredBy=me&state=declined');
    expect(queue.body.items.map((t: { id: string }) => t.id)).toContain(offered.body.id);
    // Nothing waits any more: the agent may offer it again (here: the peer stays silent, and the timer brings it back).
    peerA.behaviour = 'silent';
    const again = await agent()('POST', `/v1/requests/${requestId}/linkage-transfers`, { counterpart: '110', method: 'call-guidance' });
    expect(again.status).toBe(201);
    expect((await agent()('POST', `/v1/requests/${requestId}/linkage-transfers`, { counterpart: '110', method: 'call-guidance' })).status).toBe(409);
    await transferOf(again.body.id, (t) => t.state === 'expired');
    const request = await requestOf(requestId);
    expect(request.status).toBe('registered');
    expect(request.timeline.map((t: { eventType: string }) => t.eventType)).toContain('intake.linkage-expired');
  });

  it('110→12345 push becomes a request in the normal flow; the peer hears accepted, received, dispatched and closed', async () => {
    const receipt = await peerA.push({ senderRef: 'JQ-2026-0001' });
    expect(receipt.duplicate).toBe(false);
    const [transfer] = (await agent()('GET', '/v1/linkage/transfers?direction=incoming')).body.items;
    expect(transfer).toMatchObject({ state: 'accepted', counterpartRef: 'JQ-2026-0001', method: 'system-push' });
    const request = await requestOf(transfer.requestId);
    expect(request).toMatchObject({ number: receipt.receiverRef, channel: 'linkage', status: 'registered' });
    expect(request.requester).toMatchObject({ name: '李*', phone: '139****1111' });
    expect(request.timeline.map((t: { eventType: string }) => t.eventType)).toContain('intake.linkage-received');

    const [accepted] = await sut.service.context.db.read('city-a', (m) =>
      m.query(`select payload from outbox where event_type = $1 and aggregate_id = $2`, [Events.intake.requestAccepted.type, transfer.requestId]),
    );
    const brief = Events.intake.requestAccepted.codec.decode(accepted.payload).request!;
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', {
      request: brief, assignments: [{ unitId: 'u-1', unitName: '玄武区派出所', role: 'primary', unitCode: 'xw-pcs' }],
      mode: 'manual', catalogVersion: 0, dispatchedAt: at(1), dispatchedBy: 'dispatcher-1', attempt: 1, designated: false,
    });
    const stepsHeard = (n: number) =>
      eventually(`${n} callbacks to the peer`, async () => {
        const mine = peerA.reports.filter((r) => r.senderRef === 'JQ-2026-0001');
        return mine.length >= n ? mine : undefined;
      });
    // dispatch's and revisit's streams are independent: let the dispatch land before the closure.
    await stepsHeard(2);
    await publishEvent(sut, Events.revisit.requestClosed, 'city-a', {
      requestId: transfer.requestId, closedAt: at(2), resolved: true, satisfaction: 'satisfied', closedBy: 'agent-3', revisitOutcome: 'evaluated',
    });
    const reports = await stepsHeard(3);
    expect(reports.map((r) => r.step)).toEqual([
      linkageV1.ProgressStep.PROGRESS_STEP_RECEIVED, linkageV1.ProgressStep.PROGRESS_STEP_DISPATCHED, linkageV1.ProgressStep.PROGRESS_STEP_CLOSED,
    ]);
    expect(reports.every((r) => r.receiverRef === receipt.receiverRef)).toBe(true);
    expect(peerA.decisions.filter((d) => d.senderRef === 'JQ-2026-0001').map((d) => d.decision)).toEqual([linkageV1.Decision.DECISION_ACCEPTED]);
  });

  it('a retried push creates nothing twice and answers the same receipt', async () => {
    const first = await peerA.push({ senderRef: 'JQ-2026-0002' });
    const retries = await Promise.all([1, 2, 3].map(() => peerA.push({ senderRef: 'JQ-2026-0002' })));
    expect(retries.map((r) => [r.receiverRef, r.duplicate])).toEqual(retries.map(() => [first.receiverRef, true]));
    const incoming = (await agent()('GET', '/v1/linkage/transfers?direction=incoming')).body.items.filter(
      (t: { counterpartRef: string }) => t.counterpartRef === 'JQ-2026-0002',
    );
    expect(incoming).toHaveLength(1);
    const [{ count }] = await sut.service.context.db.read('city-a', (m) => m.query(`select count(*)::int as count from requests where number = $1`, [first.receiverRef]));
    expect(count).toBe(1);
  });

  it('records a three-party call and who took the matter first (首接先行受理), once per reference', async () => {
    const call: linkageV1.RecordThreePartyCallRequest = {
      callRef: 'SF-0001',
      participants: [
        { role: linkageV1.ParticipantRole.PARTICIPANT_ROLE_CALLER, id: '' },
        { role: linkageV1.ParticipantRole.PARTICIPANT_ROLE_AGENT_12345, id: 'agent-7' },
        { role: linkageV1.ParticipantRole.PARTICIPANT_ROLE_OPERATOR_110, id: '110-0042' },
      ],
      startedAt: '2026-12-01T02:00:00Z',
      endedAt: '2026-12-01T02:04:30Z',
      firstAcceptedBy: linkageV1.Platform.PLATFORM_12345,
      transferRef: '',
    };
    expect(await peerA.recordCall(call)).toEqual({ duplicate: false });
    expect(await peerA.recordCall(call)).toEqual({ duplicate: true });
    const calls = (await agent()('GET', '/v1/linkage/calls')).body;
    expect(calls.total).toBe(1);
    expect(calls.items[0]).toMatchObject({
      callRef: 'SF-0001', firstAcceptedBy: '12345', startedAt: '2026-12-01T02:00:00.000Z', endedAt: '2026-12-01T02:04:30.000Z',
      participants: [{ role: 'caller', id: '' }, { role: '12345-agent', id: 'agent-7' }, { role: '110-operator', id: '110-0042' }],
    });
    // city-b sees none of city-a's calls.
    expect((await agent('city-b')('GET', '/v1/linkage/calls')).body.total).toBe(0);
    // A malformed record is refused naming the field, and nothing is written.
    await expect(peerA.recordCall({ ...call, callRef: 'SF-0002', endedAt: '2026-12-01T01:00:00Z' })).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT, details: expect.stringContaining('endedAt'),
    });
    expect((await agent()('GET', '/v1/linkage/calls')).body.total).toBe(1);
  });

  it('refuses a certificate that is not pinned, one no trusted CA signed, and a peer acting for another hotline', async () => {
    await expect(unpinned.push({ senderRef: 'JQ-ROGUE-1' })).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
    await expect(unsigned.push({ senderRef: 'JQ-SELF-1' })).rejects.toMatchObject({ code: status.UNAVAILABLE });
    await expect(peerB.push({ senderRef: 'JQ-CROSS-1' }, 'city-a')).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
    // city-b's peer cannot decide on city-a's transfer either: to it, the transfer does not exist.
    const [offer] = (await agent()('GET', '/v1/linkage/transfers?direction=outgoing')).body.items;
    await expect(
      peerB.call((c) => c.decideTransfer, {
        senderRef: offer.id, receiverRef: '', decision: linkageV1.Decision.DECISION_DECLINED, declineReason: 'other', note: '', decidedBy: '', decidedAt: '',
      }),
    ).rejects.toMatchObject({ code: status.NOT_FOUND });
    const refs = (await agent()('GET', '/v1/linkage/transfers?direction=incoming')).body.items.map((t: { counterpartRef: string }) => t.counterpartRef);
    expect(refs).not.toEqual(expect.arrayContaining(['JQ-ROGUE-1', 'JQ-SELF-1', 'JQ-CROSS-1']));
    expect((await agent('city-b')('GET', '/v1/linkage/transfers')).body.total).toBe(0);
    // Every call is audited in its tenant's rows: the refused cross-tenant one under city-b's peer.
    expect(await audit('city-b')).toEqual([
      { peer: 'police-110-b', direction: 'incoming', method: 'TransferMatter', outcome: 'tenant-not-granted' },
      { peer: 'police-110-b', direction: 'incoming', method: 'DecideTransfer', outcome: 'status-404' },
    ]);
    expect((await audit('city-a')).filter((a) => a.outcome !== 'ok')).toEqual([
      { peer: 'police-110-a', direction: 'incoming', method: 'RecordThreePartyCall', outcome: 'status-400' },
    ]);
  });

  it('hands a life-threatening matter off to 120 at once (webhook) and to 119 (log by default), recording each', async () => {
    const requestId = await register();
    const to120 = await agent()('POST', `/v1/requests/${requestId}/handoffs`, { counterpart: '120', method: 'one-key-transfer' });
    expect(to120.status).toBe(201);
    expect(to120.body).toMatchObject({ counterpart: '120', adapter: 'webhook', outcome: 'delivered', counterpartRef: '120-1' });
    // What left carries the masked text and no identity.
    expect(handoffs[0]).toMatchObject({ handoffId: to120.body.id, counterpart: '120', urgency: 'urgent', areaCode: '320102' });
    expect(JSON.stringify(handoffs[0])).not.toContain('13812345678');
    const to119 = await agent()('POST', `/v1/requests/${requestId}/handoffs`, { counterpart: '119', method: 'call-guidance' });
    expect(to119.body).toMatchObject({ adapter: 'log', outcome: 'delivered', counterpartRef: null });
    const steps = (await requestOf(requestId)).timeline.map((t: { eventType: string }) => t.eventType);
    expect(steps.filter((t: string) => t === 'intake.handoff-delivered')).toHaveLength(2);
    const bad = await agent()('POST', `/v1/requests/${requestId}/handoffs`, { counterpart: '999', method: 'one-key-transfer' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['counterpart']);
    expect(handoffs).toHaveLength(1);
  });
});
