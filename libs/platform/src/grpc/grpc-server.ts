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
import { isTenantCode } from '@hotline/vocabulary';
import { toProblem } from '../http/problem';

export const TENANT_METADATA = 'x-tenant-id';

export interface GrpcCallContext {
  tenantId: string;
  metadata: Metadata;
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

/**
 * Adapts an async, tenant-scoped function to a grpc-js unary handler: the tenant comes from
 * `x-tenant-id` metadata; problems map to their gRPC status, anything else to INTERNAL.
 */
export function unary<Req, Res>(
  fn: (request: Req, ctx: GrpcCallContext) => Promise<Res>,
  logger?: Logger,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const tenantId = String(call.metadata.get(TENANT_METADATA)[0] ?? '');
    if (!isTenantCode(tenantId)) {
      callback({ code: status.UNAUTHENTICATED, details: `missing or invalid ${TENANT_METADATA} metadata` });
      return;
    }
    fn(call.request, { tenantId, metadata: call.metadata }).then(
      (response) => callback(null, response),
      (err: unknown) => {
        const problem = toProblem(err);
        if (problem.status < 500 || problem.status === 503) {
          callback({ code: GRPC_STATUS[problem.status] ?? status.FAILED_PRECONDITION, details: problem.detail ?? problem.title });
          return;
        }
        logger?.error({ err }, 'gRPC handler failed');
        callback({ code: status.INTERNAL, details: 'internal error' });
      },
    );
  };
}

export interface GrpcServiceBinding {
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

/** A grpc-js server with the standard grpc.health.v1 service answering from `isReady`. */
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
    for (const b of bindings) this.server.addService(b.definition, b.implementation);
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

  /** Binds and returns the port (0 picks a free one). */
  start(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (err, bound) => {
        if (err) return reject(err);
        this.logger.info({ port: bound }, 'gRPC server listening');
        resolve(bound);
      });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      const force = setTimeout(() => this.server.forceShutdown(), 5_000);
      this.server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}
