import { dispatchV1 } from '@hotline/contracts';
import pino from 'pino';
import { createTokenVerifier } from '../auth/identity';
import { Metrics } from '../observability/metrics';
import { parseServicePeers } from './grpc-peers';
import { GrpcAuthSource, GrpcServerHost, unary } from './grpc-server';

const source: GrpcAuthSource = {
  verifier: createTokenVerifier({ mode: 'local', localSecret: 'a-local-signing-secret-of-32-chars!!' }),
  tenants: { isActive: async () => true } as unknown as GrpcAuthSource['tenants'],
  logger: pino({ level: 'silent' }),
  metrics: new Metrics('dispatch'),
  config: { GRPC_SERVICE_PEERS: parseServicePeers('').peers },
};
const ready = async () => true;

describe('gRPC methods fail closed', () => {
  it('a method that admits no role cannot be built', () => {
    expect(() => unary(source, { roles: [] }, async () => ({}))).toThrow(/declares the roles it admits/);
  });

  it('the server refuses to start with a method not built by unary()', () => {
    const unguarded = { listUnits: (_call: unknown, callback: (err: null, res: object) => void) => callback(null, { units: [] }) };
    expect(() => new GrpcServerHost([{ definition: dispatchV1.DispatchServiceService, implementation: unguarded }], ready, source.logger)).toThrow(
      /\/hotline\.dispatch\.v1\.DispatchService\/ListUnits is not built by unary\(\)/,
    );
    const missing = { definition: dispatchV1.DispatchServiceService, implementation: {} };
    expect(() => new GrpcServerHost([missing], ready, source.logger)).toThrow(/is not built by unary/);
    const guarded = { listUnits: unary(source, { roles: ['dispatcher'] }, async () => ({ units: [] })) };
    expect(() => new GrpcServerHost([{ definition: dispatchV1.DispatchServiceService, implementation: guarded }], ready, source.logger)).not.toThrow();
  });
});
