import { OnApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { ServiceContext } from '@hotline/platform';
import type { Registrar } from '../requests/registrar';
import type { IntakeConfig } from '../config';
import { HandoffAdapters } from './handoff-adapters';
import { linkageOf } from './linkage-client';
import { LinkagePeers } from './linkage-config';
import { LinkageGateway } from './linkage-gateway';
import { readLinkageTls } from './linkage-tls';

/**
 * The interconnect as the HTTP side sees it (which peers exist, how long an offer waits), and
 * the gateway's life: started with the application when INTERCONNECT_110_GRPC_PORT is set, stopped with
 * it, so the gateway needs no hook of the platform's service runner.
 */
export class LinkageSettings implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly peers: LinkagePeers;
  readonly decisionTimeoutSeconds: number;
  readonly gateway: LinkageGateway | undefined;
  readonly handoffs: HandoffAdapters;

  constructor(
    private readonly ctx: ServiceContext,
    registrar: Registrar,
  ) {
    const config = ctx.serviceConfig as IntakeConfig;
    this.peers = new LinkagePeers(config.LINKAGE_PEERS);
    this.decisionTimeoutSeconds = config.LINKAGE_DECISION_TIMEOUT_SECONDS;
    this.handoffs = new HandoffAdapters(config.LINKAGE_HANDOFF_ADAPTERS, config.LINKAGE_CALL_DEADLINE_MS, ctx.logger);
    // Read at construction: broken TLS files fail the start, naming the variable.
    this.gateway = config.INTERCONNECT_110_GRPC_PORT === undefined ? undefined : new LinkageGateway(ctx, registrar, config, readLinkageTls(config));
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = (this.ctx.serviceConfig as IntakeConfig).INTERCONNECT_110_GRPC_PORT;
    if (this.gateway && port !== undefined) await this.gateway.start(this.ctx.config.HTTP_HOST, port);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.gateway?.stop();
    linkageOf(this.ctx).clients.close();
  }
}
