import { CallOptions, ChannelCredentials, Client, credentials, Metadata, ServiceError } from '@grpc/grpc-js';
import { TENANT_METADATA } from './grpc-server';

type ClientConstructor<C extends Client> = new (address: string, creds: ChannelCredentials, options?: object) => C;

/** A client with keepalive settings that stay within the server's ping policy. */
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

/** Calls a unary method with the tenant in metadata and a deadline (default 2 s): never unbounded. */
export function callUnary<Req, Res>(
  client: Client,
  method: UnaryMethod<Req, Res>,
  request: Req,
  options: { tenantId: string; deadlineMs?: number },
): Promise<Res> {
  const metadata = new Metadata();
  metadata.set(TENANT_METADATA, options.tenantId);
  const deadline = new Date(Date.now() + (options.deadlineMs ?? 2_000));
  return new Promise((resolve, reject) => {
    method.call(client, request, metadata, { deadline }, (err, response) => (err ? reject(err) : resolve(response)));
  });
}
