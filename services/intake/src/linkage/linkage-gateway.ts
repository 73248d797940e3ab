import { handleUnaryCall, Metadata, Server, ServerUnaryCall, status } from '@grpc/grpc-js';
import { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import type { ZodType } from 'zod';
import { linkageV1 } from '@hotline/contracts';
import { bindGrpcServer, FieldError, Outbox, ProblemError, ServiceContext, shutdownGrpcServer, TENANT_METADATA, toProblem } from '@hotline/platform';
import type { LinkageConfig, LinkagePeer } from './linkage-config';
import { LinkagePeers } from './linkage-config';
import { linkageServerCredentials, LinkageTlsMaterial } from './linkage-tls';
import { fromWire } from './linkage-wire';
import { auditCall } from './linkage.repository';
import { IncomingCall, IncomingDecision, IncomingMatter, IncomingProgress } from './linkage.schemas';
import { recordThreePartyCall } from './record-call.command';
import { receiveTransfer } from './receive-transfer.command';
import { reportProgress } from './report-progress.command';
import { PeerRateLimiter } from './rate-limiter';
import { acknowledgeRiskNotice, IncomingRiskAcknowledgement } from './risk-notice-acknowledge.command';
import { settleOutgoing } from './settle-transfer.command';
import type { Registrar } from '../requests/registrar';

/** Why the gateway refused a call before its handler ran (label of hl_linkage_refused_total). */
type Refusal = 'unpinned-certificate' | 'tenant-not-granted' | 'inactive-tenant' | 'rate-limited' | 'not-served';

class GatewayRefusal extends Error {
  constructor(
    readonly code: status,
    readonly reason: Refusal,
    message: string,
  ) {
    super(message);
  }
}

const GRPC_STATUS: Record<number, status> = {
  400: status.INVALID_ARGUMENT,
  404: status.NOT_FOUND,
  409: status.FAILED_PRECONDITION,
  503: status.UNAVAILABLE,
};

/** Validates a peer's message like an HTTP body: every problem names its field. */
function parse<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((i) => ({ field: i.path.join('.') || 'message', message: i.message }));
  throw ProblemError.validation(errors);
}

/**
 * The 12345 side of the interconnect: its own gRPC server (not the platform's), because its
 * callers are another organisation's platforms: their CAs are not the hotline's, and a
 * certificate one of them signed is trusted only if it is the one pinned for a tenant
 * (LINKAGE_PEERS). Each call is then that peer's tenant's; `x-tenant-id`, if sent, must be it.
 * A peer over its rate gets RESOURCE_EXHAUSTED. Every call, refused or not, is audited
 * (linkage_audit, in the tenant's rows) and counted.
 */
export class LinkageGateway {
  private readonly server = new Server({ 'grpc.max_receive_message_length': 1024 * 1024 });
  private readonly peers: LinkagePeers;
  private readonly limiter = new PeerRateLimiter();
  private readonly calls: Counter<'peer' | 'method' | 'outcome'>;
  port = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly registrar: Registrar,
    private readonly config: LinkageConfig,
    private readonly tls: LinkageTlsMaterial,
  ) {
    this.peers = new LinkagePeers(config.LINKAGE_PEERS);
    this.calls = new Counter({
      name: 'hl_linkage_calls_total',
      help: 'Calls of counterpart platforms to the linkage gateway, by peer, method and outcome (ok, a refusal reason, a gRPC status)',
      labelNames: ['peer', 'method', 'outcome'],
      registers: [ctx.metrics.registry],
    });
    const outbox: Outbox = ctx.outbox;
    const implementation: linkageV1.LinkageServiceServer = {
      transferMatter: this.method('TransferMatter', (r: linkageV1.TransferMatterRequest) => r.senderRef, async (request, peer, manager) => {
        const matter = parse(IncomingMatter, { ...request, urgency: fromWire.urgency(request.urgency), method: fromWire.method(request.method) });
        return receiveTransfer(manager, this.registrar, peer, matter);
      }),
      decideTransfer: this.method('DecideTransfer', (r: linkageV1.DecideTransferRequest) => r.senderRef, async (request, peer, manager) => {
        const decision = parse(IncomingDecision, {
          ...request,
          decision: { 1: 'accepted', 2: 'declined' }[request.decision as number],
        });
        const { transfer, settled } = await settleOutgoing(manager, outbox, decision.senderRef, {
          state: decision.decision,
          at: decision.decidedAt ? new Date(decision.decidedAt) : new Date(),
          by: decision.decidedBy ? `linkage:${peer.name}:${decision.decidedBy}` : `linkage:${peer.name}`,
          ...(decision.declineReason ? { declineReason: decision.declineReason } : {}),
          ...(decision.note ? { note: decision.note } : {}),
        }, peer.counterpart);
        return { duplicate: !settled && transfer.state === decision.decision };
      }),
      reportTransferStatus: this.method('ReportTransferStatus', (r: linkageV1.ReportTransferStatusRequest) => r.senderRef, async (request, peer, manager) => {
        const report = parse(IncomingProgress, { ...request, step: fromWire.step(request.step) });
        return reportProgress(manager, outbox, peer, report);
      }),
      recordThreePartyCall: this.method('RecordThreePartyCall', (r: linkageV1.RecordThreePartyCallRequest) => r.callRef, async (request, peer, manager) => {
        const call = parse(IncomingCall, {
          ...request,
          participants: request.participants.map((p) => ({ role: fromWire.role(p.role), id: p.id })),
          firstAcceptedBy: fromWire.platform(request.firstAcceptedBy),
        });
        return recordThreePartyCall(manager, peer, call);
      }),
      // Risk notices go 12345→110 only (ADR 0036): 110 acknowledges them here, and has none to send.
      acknowledgeRisk: this.method('AcknowledgeRisk', (r: linkageV1.AcknowledgeRiskRequest) => r.noticeRef ?? '', async (request, peer, manager) =>
        acknowledgeRiskNotice(manager, peer, parse(IncomingRiskAcknowledgement, request)),
      ),
      notifyRisk: this.method('NotifyRisk', (r: linkageV1.NotifyRiskRequest) => r.noticeRef ?? '', async () => {
        throw new GatewayRefusal(status.UNIMPLEMENTED, 'not-served', '12345 takes no risk notices from its peers');
      }),
    };
    this.server.addService(linkageV1.LinkageServiceService, implementation);
  }

  /** Which peer is calling: the certificate pinned for a tenant (the handshake has checked its CA). */
  private identify(call: ServerUnaryCall<unknown, unknown>): LinkagePeer {
    const certificate = call.getAuthContext().sslPeerCertificate;
    const peer = this.peers.withFingerprint(certificate?.fingerprint256);
    if (!peer) throw new GatewayRefusal(status.PERMISSION_DENIED, 'unpinned-certificate', 'this certificate is not pinned for any hotline');
    return peer;
  }

  /** An identified peer acts for its one tenant, while it is active, within its rate. */
  private async admit(call: ServerUnaryCall<unknown, unknown>, peer: LinkagePeer): Promise<LinkagePeer> {
    const requested = this.single(call.metadata, TENANT_METADATA);
    if (requested !== undefined && requested !== peer.tenant)
      throw new GatewayRefusal(status.PERMISSION_DENIED, 'tenant-not-granted', `this peer acts for its own hotline only, not "${requested}"`);
    if (!(await this.ctx.tenants.isActive(peer.tenant)))
      throw new GatewayRefusal(status.PERMISSION_DENIED, 'inactive-tenant', `hotline "${peer.tenant}" is unknown or suspended`);
    if (!this.limiter.take(peer.name, peer.ratePerSecond))
      throw new GatewayRefusal(status.RESOURCE_EXHAUSTED, 'rate-limited', `over ${peer.ratePerSecond} calls a second`);
    return peer;
  }

  private single(metadata: Metadata, key: string): string | undefined {
    const values = metadata.get(key);
    return values.length === 0 ? undefined : String(values[0]);
  }

  /**
   * One method: authenticate, then the work and its audit line in one transaction of the
   * peer's tenant; a refusal or failure is audited on its own and mapped to its status.
   */
  private method<Req, Res>(
    name: string,
    referenceOf: (request: Req) => string,
    work: (request: Req, peer: LinkagePeer, manager: EntityManager) => Promise<Res>,
  ): handleUnaryCall<Req, Res> {
    return (call, callback) => {
      let peer: LinkagePeer | undefined;
      const reference = String(referenceOf(call.request) ?? '');
      const done = (outcome: string) => this.calls.inc({ peer: peer?.name ?? 'unknown', method: name, outcome });
      Promise.resolve()
        .then(() => {
          peer = this.identify(call as ServerUnaryCall<unknown, unknown>);
          return this.admit(call as ServerUnaryCall<unknown, unknown>, peer);
        })
        .then((p) => {
          return this.ctx.db.run(p.tenant, async (manager) => {
            const response = await work(call.request, p, manager);
            await auditCall(manager, { tenantId: p.tenant, peer: p.name, direction: 'incoming', method: name, reference, outcome: 'ok' });
            return response;
          });
        })
        .then(
          (response) => {
            done('ok');
            callback(null, response);
          },
          (err: unknown) => {
            const { code, outcome, details } = this.failure(err);
            done(outcome);
            this.ctx.logger.warn({ method: name, peer: peer?.name, outcome, detail: details, address: call.getPeer() }, 'linkage call refused or failed');
            const audited = peer
              ? this.ctx.db.run(peer.tenant, (m) =>
                  auditCall(m, { tenantId: (peer as LinkagePeer).tenant, peer: (peer as LinkagePeer).name, direction: 'incoming', method: name, reference, outcome }),
                )
              : Promise.resolve();
            audited.catch((auditErr: unknown) => this.ctx.logger.error({ err: auditErr }, 'linkage audit failed')).finally(() => callback({ code, details }));
          },
        );
    };
  }

  private failure(err: unknown): { code: status; outcome: string; details: string } {
    if (err instanceof GatewayRefusal) return { code: err.code, outcome: err.reason, details: err.message };
    const problem = toProblem(err);
    if (problem.status < 500 || problem.status === 503) {
      const fields = problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
      return { code: GRPC_STATUS[problem.status] ?? status.FAILED_PRECONDITION, outcome: `status-${problem.status}`, details: fields || (problem.detail ?? problem.title) };
    }
    this.ctx.logger.error({ err }, 'linkage handler failed');
    return { code: status.INTERNAL, outcome: 'internal', details: 'internal error' };
  }

  async start(host: string, port: number): Promise<number> {
    const bound = await bindGrpcServer(this.server, host, port, linkageServerCredentials(this.tls));
    this.port = bound;
    this.ctx.logger.info({ port: bound, peers: this.peers.all.map((p) => `${p.name}=${p.tenant}`) }, 'linkage gateway listening (mutual TLS, pinned peers)');
    return bound;
  }

  stop(): Promise<void> {
    return shutdownGrpcServer(this.server);
  }
}
