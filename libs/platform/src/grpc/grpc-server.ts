import {
  handleServerStreamingCall,
  handleUnaryCall,
  Metadata,
  Server,
  ServerCredentials,
  ServiceDefinition,
  status,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { grpcHealth } from '@hotline/contracts';
import type { Role } from '@hotline/vocabulary';
import type { BaseConfig } from '../config/config';
import { toProblem } from '../http/problem';
import type { ServiceContext } from '../service/service-context';
import { authenticateCall, GrpcCaller, GrpcRefusal, refusalCounter } from './grpc-auth';


export interface GrpcCallContext {
  /** The tenant the call acts for: the token's, or the one a service identity was granted. */
  tenantId: string;
  caller: GrpcCaller;
  metadata: Metadata;
}

/** What unary() needs of a service: how to check credentials, and where refusals are counted and logged. */
export type GrpcAuthSource = Pick<ServiceContext, 'verifier' | 'tenants' | 'logger' | 'metrics'> & {
  config: Pick<BaseConfig, 'GRPC_SERVICE_PEERS'>;
};

export interface GrpcMethodOptions {
  /** The roles admitted, as `@Roles(...)` on the HTTP endpoint of the same query. */
  roles: readonly Role[];
}

const GRPC_STATUS: Record<number, status> = {
  400: status.INVALID_ARGUMENT,
  401: status.UNAUTHENTICATED,
  403: status.PERMISSION_DENIED,
  404: status.NOT_FOUND,
  409: status.ALREADY_EXISTS,
  429: status.RESOURCE_EXHAUSTED,
  503: status.UNAVAILABLE,
};

/** The handlers unary() built: GrpcServerHost serves no method without one (failing closed). */
const guarded = new WeakSet<object>();

/**
 * Adapts an async, tenant-scoped function to a grpc-js unary handler that runs only for an
 * authenticated caller holding one of `roles` (grpc-auth.ts says who that is and for which
 * tenant); refusals are counted in hl_grpc_refused_total and logged without the token. Problems
 * map to their gRPC status, anything else to INTERNAL.
 */
export function unary<Req, Res>(
  source: GrpcAuthSource,
  options: GrpcMethodOptions,
  fn: (request: Req, ctx: GrpcCallContext) => Promise<Res>,
): handleUnaryCall<Req, Res> {
  if (options.roles.length === 0) throw new Error('a gRPC method declares the roles it admits: with none, nobody could call it');
  const refused = refusalCounter(source.metrics.registry);
  const deps = { verifier: source.verifier, tenants: source.tenants, peers: source.config.GRPC_SERVICE_PEERS };
  const handler: handleUnaryCall<Req, Res> = (call, callback) => {
    const method = call.getPath();
    const fail = (err: unknown) => {
      if (err instanceof GrpcRefusal) {
        refused.inc({ method, reason: err.reason });
        source.logger.warn({ method, reason: err.reason, detail: err.message, peer: call.getPeer() }, 'gRPC call refused');
        callback({ code: err.code, details: err.message });
        return;
      }
      const problem = toProblem(err);
      if (problem.status < 500 || problem.status === 503) {
        callback({ code: GRPC_STATUS[problem.status] ?? status.FAILED_PRECONDITION, details: problem.detail ?? problem.title });
        return;
      }
      source.logger.error({ err, method }, 'gRPC handler failed');
      callback({ code: status.INTERNAL, details: 'internal error' });
    };
    const credentials = { metadata: call.metadata, peerCertificate: call.getAuthContext().sslPeerCertificate };
    authenticateCall(credentials, options.roles, deps)
      .then((auth) => fn(call.request, { ...auth, metadata: call.metadata }))
      .then((response) => callback(null, response), fail);
  };
  guarded.add(handler);
  return handler;
}

export interface GrpcServiceBinding {
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

/**
 * A grpc-js server with the standard grpc.health.v1 service answering from `isReady`, the one
 * method served without credentials. Every other method must be built by unary().
 */
export class GrpcServerHost {
  private readonly server = new Server({
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.max_receive_message_length': 4 * 1024 * 1024,
  });

  constructor(
    bindings: GrpcServiceBinding[],
    isReady: () => Promise<boolean>,
    private readonly logger: Logger,
  ) {
    for (const b of bindings) {
      for (const [name, method] of Object.entries(b.definition))
        if (!guarded.has(b.implementation[name] ?? {}))
          throw new Error(`gRPC method ${method.path} is not built by unary(): every method declares the roles it admits`);
      this.server.addService(b.definition, b.implementation);
    }
    const healthStatus = async () =>
      (await isReady())
        ? grpcHealth.HealthCheckResponse_ServingStatus.SERVING
        : grpcHealth.HealthCheckResponse_ServingStatus.NOT_SERVING;
    const check: handleUnaryCall<grpcHealth.HealthCheckRequest, grpcHealth.HealthCheckResponse> = (_call, callback) => {
      healthStatus().then((s) => callback(null, { status: s }), () => callback(null, { status: 2 }));
    };
    const watch: handleServerStreamingCall<grpcHealth.HealthCheckRequest, grpcHealth.HealthCheckResponse> = (call) => {
      let last: number | undefined;
      const push = () =>
        healthStatus().then((s) => {
          if (s !== last) call.write({ status: s });
          last = s;
        });
      void push();
      const timer = setInterval(push, 5_000);
      call.on('cancelled', () => clearInterval(timer));
      call.on('close', () => clearInterval(timer));
    };
    this.server.addService(grpcHealth.HealthService, { check, watch });
  }

  /** Binds and returns the port (0 picks a free one); grpcServerCredentials() gives mutual TLS. */
  async start(host: string, port: number, credentials: ServerCredentials = ServerCredentials.createInsecure()): Promise<number> {
    const bound = await bindGrpcServer(this.server, host, port, credentials);
    this.logger.info({ port: bound, tls: credentials._isSecure() }, 'gRPC server listening');
    return bound;
  }

  stop(): Promise<void> {
    return shutdownGrpcServer(this.server);
  }
}

/** Binds a gRPC server to host:port; resolves with the port bound (port 0: one the system chose). */
export function bindGrpcServer(server: Server, host: string, port: number, credentials: ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => server.bindAsync(`${host}:${port}`, credentials, (err, bound) => (err ? reject(err) : resolve(bound))));
}

/** Lets calls in flight finish, forcing the shutdown after 5 s. */
export function shutdownGrpcServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.forceShutdown(), 5_000);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}
