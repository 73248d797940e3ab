import { Metadata, ServiceError } from '@grpc/grpc-js';
import { linkageV1 } from '@hotline/contracts';
import { createGrpcClient, PiiCipher, ServiceContext } from '@hotline/platform';
import type { IntakeConfig } from '../config';
import { LinkagePeer, LinkagePeers } from './linkage-config';
import { linkageChannelCredentials, LinkageTlsMaterial, readLinkageTls } from './linkage-tls';
import { auditCall } from './linkage.repository';

type Unary<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: { deadline: Date },
  callback: (error: ServiceError | null, response: Res) => void,
) => unknown;

/**
 * 12345's calls to its peers, one channel per peer (mutual TLS, the peer's certificate pinned),
 * each with a deadline. A failed call is thrown to the caller: the event consumer that makes it
 * is redelivered with backoff (outbox → JetStream → inbox), which is the retry. Every call is
 * audited with its outcome, in a transaction of its own so a failure is kept too.
 */
export class LinkageClients {
  private readonly clients = new Map<string, linkageV1.LinkageServiceClient>();
  readonly peers: LinkagePeers;
  private tls: LinkageTlsMaterial | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly config: IntakeConfig,
  ) {
    this.peers = new LinkagePeers(config.LINKAGE_PEERS);
  }

  private client(peer: LinkagePeer): linkageV1.LinkageServiceClient {
    let client = this.clients.get(peer.name);
    if (!client) {
      this.tls ??= readLinkageTls(this.config);
      client = createGrpcClient(linkageV1.LinkageServiceClient, peer.address, linkageChannelCredentials(this.tls, peer.fingerprint));
      this.clients.set(peer.name, client);
    }
    return client;
  }

  async call<Req, Res>(peer: LinkagePeer, name: string, reference: string, pick: (c: linkageV1.LinkageServiceClient) => Unary<Req, Res>, request: Req): Promise<Res> {
    const client = this.client(peer);
    const deadline = new Date(Date.now() + this.config.LINKAGE_CALL_DEADLINE_MS);
    const audit = (outcome: string) =>
      this.ctx.db.run(peer.tenant, (m) => auditCall(m, { tenantId: peer.tenant, peer: peer.name, direction: 'outgoing', method: name, reference, outcome }));
    try {
      const response = await new Promise<Res>((resolve, reject) =>
        pick(client).call(client, request, new Metadata(), { deadline }, (err, res) => (err ? reject(err) : resolve(res))),
      );
      await audit('ok');
      return response;
    } catch (err) {
      const code = (err as ServiceError).code;
      await audit(code === undefined ? 'error' : `grpc-${code}`).catch(() => undefined);
      this.ctx.logger.warn({ peer: peer.name, method: name, code, detail: (err as Error).message }, 'linkage call to peer failed; retried from the outbox');
      throw err;
    }
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}

const perService = new WeakMap<ServiceContext, { clients: LinkageClients; cipher: PiiCipher }>();

/** The clients and cipher of a running intake (event and timer handlers get only its context). */
export function linkageOf(ctx: ServiceContext): { clients: LinkageClients; cipher: PiiCipher } {
  let found = perService.get(ctx);
  if (!found) {
    found = { clients: new LinkageClients(ctx, ctx.serviceConfig as IntakeConfig), cipher: PiiCipher.fromConfig(ctx.serviceConfig) };
    perService.set(ctx, found);
  }
  return found;
}
