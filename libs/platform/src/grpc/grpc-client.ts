import { CallOptions, ChannelCredentials, Client, credentials, Metadata, ServiceError } from '@grpc/grpc-js';
import { AUTHORIZATION_METADATA, TENANT_METADATA } from './grpc-auth';


type ClientConstructor<C extends Client> = new (address: string, creds: ChannelCredentials, options?: object) => C;

/**
 * A client with keepalive settings that stay within the server's ping policy. Pass
 * mtlsChannelCredentials(…) for a server with mutual TLS: the certificate belongs to the channel.
 */
export function createGrpcClient<C extends Client>(
  ctor: ClientConstructor<C>,
  address: string,
  creds: ChannelCredentials = credentials.createInsecure(),
): C {
  return new ctor(address, creds, {
    'grpc.keepalive_time_ms': 120_000,
    'grpc.keepalive_timeout_ms': 20_000,
  });
}

type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Res) => void,
) => unknown;

export interface UnaryCallOptions {
  /** A user's bearer token: the call acts for the token's tenant, with its roles. */
  token?: string;
  /**
   * `x-tenant-id`: the tenant a service identity (client certificate) acts for. With a token it
   * is optional and must be the token's own.
   */
  tenantId?: string;
  /** Default 2 s: never unbounded. */
  deadlineMs?: number;
}

/** Calls a unary method with its credentials in metadata and a deadline. */
export function callUnary<Req, Res>(client: Client, method: UnaryMethod<Req, Res>, request: Req, options: UnaryCallOptions): Promise<Res> {
  const metadata = new Metadata();
  if (options.token !== undefined) metadata.set(AUTHORIZATION_METADATA, `Bearer ${options.token}`);
  if (options.tenantId !== undefined) metadata.set(TENANT_METADATA, options.tenantId);
  const deadline = new Date(Date.now() + (options.deadlineMs ?? 2_000));
  return new Promise((resolve, reject) => {
    method.call(client, request, metadata, { deadline }, (err, response) => (err ? reject(err) : resolve(response)));
  });
}
