// A simulated 110 platform for tests, the benchmark and local runs: it serves the same
// hotline.linkage.v1.LinkageService as 12345 (over mutual TLS with its own certificate, 12345's
// pinned) and calls 12345's, as the real police platform would. What it does with a matter it
// is offered is its `behaviour`: accept (then report received … closed), decline, or stay silent.
// Stability-risk notices (NotifyRisk) it records, acknowledging each revision (签收) when it
// accepts; `failRiskNotices` makes it refuse the next ones as UNAVAILABLE, as during an outage.
import { ChannelCredentials, credentials, handleUnaryCall, Metadata, Server, ServerCredentials, ServiceError, status } from '@grpc/grpc-js';
import type { PeerCertificate } from 'node:tls';
import { linkageV1 } from '@hotline/contracts';

export interface PeerTls {
  /** The CA bundle that signed 12345's certificate. */
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export type PeerBehaviour = 'accept' | 'decline' | 'silent';

export interface SimulatedPeerOptions {
  tls: PeerTls;
  /** 12345's certificate fingerprint (SHA-256, colon-separated hex), pinned on every call to it. */
  hotlineFingerprint: string;
  /** Where 12345's linkage gateway listens (host:port); may be set after construction. */
  hotlineAddress?: string;
  /** Delay between the peer's own steps, so they arrive as separate calls (default 20 ms). */
  stepMs?: number;
}

const STEPS = [
  linkageV1.ProgressStep.PROGRESS_STEP_RECEIVED,
  linkageV1.ProgressStep.PROGRESS_STEP_DISPATCHED,
  linkageV1.ProgressStep.PROGRESS_STEP_HANDLED,
  linkageV1.ProgressStep.PROGRESS_STEP_CLOSED,
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Simulated110 {
  behaviour: PeerBehaviour = 'accept';
  /** What 12345 sent here, for the tests to look at. */
  readonly matters = new Map<string, { request: linkageV1.TransferMatterRequest; receiverRef: string; calls: number }>();
  readonly decisions: linkageV1.DecideTransferRequest[] = [];
  readonly reports: linkageV1.ReportTransferStatusRequest[] = [];
  readonly threePartyCalls: linkageV1.RecordThreePartyCallRequest[] = [];
  /** Risk notices received, by 12345's reference: the newest revision, its receipt, and every call (retries too). */
  readonly riskNotices = new Map<string, { request: linkageV1.NotifyRiskRequest; receiverRef: string; revisions: number[]; calls: number }>();
  /** Every NotifyRisk call as it arrived, refused ones included (the retries a test counts). */
  readonly riskNoticeCalls: linkageV1.NotifyRiskRequest[] = [];
  /** How many of the next NotifyRisk calls to refuse with UNAVAILABLE (a simulated outage). */
  failRiskNotices = 0;
  /** Callbacks that failed (they are not retried by the simulation: a test sees them here). */
  readonly failures: string[] = [];
  hotlineAddress: string | undefined;
  private readonly server = new Server();
  private client: linkageV1.LinkageServiceClient | undefined;
  private readonly pending = new Set<Promise<void>>();
  private sequence = 0;

  constructor(private readonly options: SimulatedPeerOptions) {
    this.hotlineAddress = options.hotlineAddress;
    const transferMatter: handleUnaryCall<linkageV1.TransferMatterRequest, linkageV1.TransferMatterResponse> = (call, callback) => {
      const known = this.matters.get(call.request.senderRef);
      if (known) {
        known.calls += 1;
        callback(null, { receiverRef: known.receiverRef, receivedAt: new Date().toISOString(), duplicate: true });
        return;
      }
      const receiverRef = `JJ${String(++this.sequence).padStart(8, '0')}`;
      this.matters.set(call.request.senderRef, { request: call.request, receiverRef, calls: 1 });
      callback(null, { receiverRef, receivedAt: new Date().toISOString(), duplicate: false });
      this.track(this.handle(call.request.senderRef, receiverRef, this.behaviour));
    };
    const implementation: linkageV1.LinkageServiceServer = {
      transferMatter,
      decideTransfer: (call, callback) => {
        this.decisions.push(call.request);
        callback(null, { duplicate: false });
      },
      reportTransferStatus: (call, callback) => {
        const duplicate = this.reports.some((r) => r.senderRef === call.request.senderRef && r.step === call.request.step);
        if (!duplicate) this.reports.push(call.request);
        callback(null, { duplicate });
      },
      recordThreePartyCall: (call, callback) => {
        this.threePartyCalls.push(call.request);
        callback(null, { duplicate: false });
      },
      notifyRisk: (call, callback) => this.notifyRisk(call.request, callback),
      // 12345 acknowledges nothing of 110's (it sends no risk notices); answered for completeness.
      acknowledgeRisk: (_call, callback) => callback(null, { duplicate: false }),
    };
    this.server.addService(linkageV1.LinkageServiceService, implementation);
  }

  /** A revision is kept once (a retry of it is a duplicate); an accepting peer acknowledges it after its step delay. */
  private notifyRisk(request: linkageV1.NotifyRiskRequest, callback: (e: Partial<ServiceError> | null, r?: linkageV1.NotifyRiskResponse) => void): void {
    this.riskNoticeCalls.push(request);
    if (this.failRiskNotices > 0) {
      this.failRiskNotices -= 1;
      callback({ code: status.UNAVAILABLE, details: 'simulated 110 outage' });
      return;
    }
    const ref = request.noticeRef ?? '';
    const revision = request.revision ?? 1;
    const known = this.riskNotices.get(ref);
    if (known) known.calls += 1;
    if (known && known.revisions.includes(revision)) {
      callback(null, { receiverRef: known.receiverRef, receivedAt: new Date().toISOString(), duplicate: true });
      return;
    }
    const receiverRef = known?.receiverRef ?? `FX${String(++this.sequence).padStart(8, '0')}`;
    this.riskNotices.set(ref, { request, receiverRef, revisions: [...(known?.revisions ?? []), revision], calls: known?.calls ?? 1 });
    callback(null, { receiverRef, receivedAt: new Date().toISOString(), duplicate: false });
    if (this.behaviour !== 'accept') return;
    this.track(
      (async () => {
        await sleep(this.options.stepMs ?? 20);
        await this.callback(`acknowledge risk ${ref}#${revision}`, () =>
          this.call((c) => c.acknowledgeRisk, {
            noticeRef: ref, revision, receiverRef, acknowledgedBy: '110-0042', acknowledgedAt: new Date().toISOString(), note: '已转辖区派出所关注',
          }),
        );
      })(),
    );
  }

  /** Serves on host:port (0: a free port) with mutual TLS: 12345 must present a certificate of the CA. */
  start(host = '127.0.0.1', port = 0): Promise<string> {
    const { ca, cert, key } = this.options.tls;
    return new Promise((resolve, reject) =>
      this.server.bindAsync(`${host}:${port}`, ServerCredentials.createSsl(ca, [{ cert_chain: cert, private_key: key }], true), (err, bound) =>
        err ? reject(err) : resolve(`${host}:${bound}`),
      ),
    );
  }

  private hotline(): linkageV1.LinkageServiceClient {
    if (!this.hotlineAddress) throw new Error('the simulated 110 does not know where 12345 is (hotlineAddress)');
    this.client ??= new linkageV1.LinkageServiceClient(this.hotlineAddress, this.channelCredentials());
    return this.client;
  }

  private channelCredentials(): ChannelCredentials {
    const { ca, cert, key } = this.options.tls;
    const pin = this.options.hotlineFingerprint.toUpperCase();
    return credentials.createSsl(ca, key, cert, {
      checkServerIdentity: (_host: string, c: PeerCertificate) => (c.fingerprint256?.toUpperCase() === pin ? undefined : new Error('12345 certificate not pinned')),
    });
  }

  /** Calls one method of 12345's gateway, with `x-tenant-id` if given and a 5 s deadline. */
  call<Req, Res>(
    method: (c: linkageV1.LinkageServiceClient) => (r: Req, m: Metadata, o: { deadline: Date }, cb: (e: ServiceError | null, r: Res) => void) => unknown,
    request: Req,
    tenantId?: string,
  ): Promise<Res> {
    const client = this.hotline();
    const metadata = new Metadata();
    if (tenantId) metadata.set('x-tenant-id', tenantId);
    return new Promise((resolve, reject) =>
      method(client).call(client, request, metadata, { deadline: new Date(Date.now() + 5_000) }, (err, res) => (err ? reject(err) : resolve(res))),
    );
  }

  /** 110→12345: pushes a matter (系统推送 unless said otherwise). */
  push(request: Partial<linkageV1.TransferMatterRequest> & { senderRef: string }, tenantId?: string): Promise<linkageV1.TransferMatterResponse> {
    const full: linkageV1.TransferMatterRequest = {
      summary: '邻居装修噪音扰民, 多次协商无果',
      categoryCode: '',
      categoryName: '噪音扰民',
      location: { areaCode: '320102', address: '' },
      urgency: linkageV1.Urgency.URGENCY_NORMAL,
      caller: { name: '李四', phone: '13900001111' },
      method: linkageV1.TransferMethod.TRANSFER_METHOD_SYSTEM_PUSH,
      listItemCode: '',
      sentAt: new Date().toISOString(),
      ...request,
    };
    return this.call((c) => c.transferMatter, full, tenantId);
  }

  recordCall(request: linkageV1.RecordThreePartyCallRequest, tenantId?: string): Promise<linkageV1.RecordThreePartyCallResponse> {
    return this.call((c) => c.recordThreePartyCall, request, tenantId);
  }

  private async handle(senderRef: string, receiverRef: string, behaviour: PeerBehaviour): Promise<void> {
    if (behaviour === 'silent') return;
    const step = this.options.stepMs ?? 20;
    await sleep(step);
    const decidedAt = new Date().toISOString();
    if (behaviour === 'decline') {
      await this.callback('decline', () =>
        this.call((c) => c.decideTransfer, {
          senderRef, receiverRef, decision: linkageV1.Decision.DECISION_DECLINED, declineReason: 'not-in-scope',
          note: '不属于公安机关职责', decidedBy: '110-0042', decidedAt,
        }),
      );
      return;
    }
    await this.callback('accept', () =>
      this.call((c) => c.decideTransfer, {
        senderRef, receiverRef, decision: linkageV1.Decision.DECISION_ACCEPTED, declineReason: '', note: '', decidedBy: '110-0042', decidedAt,
      }),
    );
    for (const s of STEPS) {
      await sleep(step);
      await this.callback(`step ${s}`, () =>
        this.call((c) => c.reportTransferStatus, { senderRef, receiverRef, step: s, occurredAt: new Date().toISOString(), note: '' }),
      );
    }
  }

  private async callback(what: string, send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (err) {
      this.failures.push(`${what}: ${(err as Error).message}`);
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Waits for the peer's own callbacks in flight (a test ends only after them). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async stop(): Promise<void> {
    await this.settled();
    this.client?.close();
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
  }
}
