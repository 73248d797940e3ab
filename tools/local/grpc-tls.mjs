// gRPC mutual TLS for `npm start`: a development CA made once in the state directory
// (<state>/grpc-tls/ca.crt, ca.key), a certificate per service (spiffe://hotline/<service>,
// localhost, 127.0.0.1: its server certificate, and its client certificate towards the others)
// and one for a local client, granted the demo cities as supervisor (read-only queries). The
// code is the platform's own (libs/platform/src/grpc/dev-certificates.ts, built into dist/),
// the same the tests use; the certificates are made with openssl and kept while they are current.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { createDevCertificateAuthority, issueDevCertificate } = require('../../dist/libs/platform/src/grpc/dev-certificates.js');

export const LOCAL_CLIENT = 'local-client';

/**
 * The CA, the local client's certificate and each service's gRPC TLS variables; undefined when
 * openssl is missing (the services then serve gRPC in plaintext, to bearer tokens only).
 */
export function localGrpcTls(stateDir, services, demoTenants, log) {
  if (spawnSync('openssl', ['version']).status !== 0) {
    log('openssl not found: gRPC runs without TLS (bearer tokens only); for mutual TLS: apt-get install openssl');
    return undefined;
  }
  const ca = createDevCertificateAuthority(join(stateDir, 'grpc-tls'), 'hotline local development CA');
  const client = issueDevCertificate(ca, LOCAL_CLIENT);
  const peers = `${LOCAL_CLIENT}=${demoTenants.join(',')}:supervisor`;
  const env = Object.fromEntries(
    services.map((name) => {
      const cert = issueDevCertificate(ca, name);
      return [name, { GRPC_TLS_CA_FILE: ca.certFile, GRPC_TLS_CERT_FILE: cert.certFile, GRPC_TLS_KEY_FILE: cert.keyFile, GRPC_SERVICE_PEERS: peers }];
    }),
  );
  return { ca, client, env };
}
