// The 12345↔110 interconnect for `npm start`: intake's linkage gateway over mutual TLS and one
// simulated 110 platform per demo city (tools/linkage-peer/simulated-110.ts, built into dist/),
// so a transfer offered from the console or the API is accepted and reported up to closed, and
// a matter can be pushed from 110 (docs/linkage.md). The 110 side has a development CA of its
// own (<state>/linkage-110/), as a real police platform would; 12345's linkage certificate comes
// from the hotline's development CA. Each side pins the other's certificate.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { createDevCertificateAuthority, issueDevCertificate } = require('../../dist/libs/platform/src/grpc/dev-certificates.js');

const fingerprint = (cert) => new X509Certificate(readFileSync(cert.certFile)).fingerprint256;

/**
 * Certificates, intake's variables and the peers to start. Ports: the gateway at gRPC base + 6
 * and the peers from base + 7 (the services take base + 1 … + 5), so two local platforms ten
 * ports apart never meet.
 */
export function localLinkage(stateDir, hotlineCa, demoTenants, grpcPortBase) {
  const police = createDevCertificateAuthority(join(stateDir, 'linkage-110'), 'simulated 110 development CA');
  const intakeCert = issueDevCertificate(hotlineCa, 'intake-linkage');
  const gatewayPort = grpcPortBase + 6;
  const peers = demoTenants.map((tenant, i) => ({
    name: `police-110-${tenant}`,
    tenant,
    cert: issueDevCertificate(police, `police-110-${tenant}`),
    port: grpcPortBase + 7 + i,
  }));
  const env = {
    INTERCONNECT_110_GRPC_PORT: String(gatewayPort),
    INTERCONNECT_110_TLS_CA_FILE: police.certFile,
    INTERCONNECT_110_TLS_CERT_FILE: intakeCert.certFile,
    INTERCONNECT_110_TLS_KEY_FILE: intakeCert.keyFile,
    LINKAGE_PEERS: JSON.stringify(
      peers.map((p) => ({ name: p.name, tenant: p.tenant, counterpart: '110', fingerprint: fingerprint(p.cert), address: `127.0.0.1:${p.port}` })),
    ),
  };
  const gateway = `127.0.0.1:${gatewayPort}`;

  /** Starts the simulated peers (accepting every matter); resolves to a stop function. */
  async function startPeers() {
    const { Simulated110 } = require('../../dist/tools/linkage-peer/simulated-110.js');
    const running = [];
    for (const p of peers) {
      const peer = new Simulated110({
        tls: { ca: readFileSync(hotlineCa.certFile), cert: readFileSync(p.cert.certFile), key: readFileSync(p.cert.keyFile) },
        hotlineFingerprint: fingerprint(intakeCert),
        hotlineAddress: gateway,
        // Seconds apart, so the steps are seen arriving on the request's timeline.
        stepMs: 2_000,
      });
      await peer.start('127.0.0.1', p.port);
      running.push(peer);
    }
    // A peer's callbacks in flight fail fast once intake is gone; a stop waits 3 s at most.
    return () => Promise.race([Promise.all(running.map((peer) => peer.stop())), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
  }

  return { env, gateway, peers: peers.map((p) => ({ tenant: p.tenant, address: `127.0.0.1:${p.port}` })), startPeers };
}
