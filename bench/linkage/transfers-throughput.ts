// Transfers per second through the 110 linkage gateway over mutual TLS (pinned peer, each
// transfer a request persisted with its outbox rows), beside the same LinkageService call
// answered without work over mutual TLS and over plain gRPC without TLS, in the same run: the
// second and third isolate what TLS costs, the first what the gateway's work costs on top.
// Run: node tools/build.mjs && node dist/bench/linkage/transfers-throughput.js [TRANSFERS] [CONCURRENCY]
import { ChannelCredentials, credentials, Metadata, Server, ServerCredentials, ServiceError } from '@grpc/grpc-js';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkageV1 } from '@hotline/contracts';
import { createDevCertificateAuthority, issueDevCertificate, migrate, startService } from '@hotline/platform';
import { createTestDatabase, deleteNamespaceStreams, serviceEnv, SHARED_NATS_URL, uniqueNamespace } from '@hotline/testing';
import { intakeService } from '../../services/intake/src/intake.service';
import { LinkageSettings } from '../../services/intake/src/linkage/linkage-settings';

const TRANSFERS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 16);

const matter = (ref: string): linkageV1.TransferMatterRequest => ({
  senderRef: ref,
  summary: '邻居装修噪音扰民, 多次协商无果',
  categoryCode: '',
  categoryName: '噪音扰民',
  location: { areaCode: '320102', address: '' },
  urgency: linkageV1.Urgency.URGENCY_NORMAL,
  caller: { name: '李四', phone: '13900001111' },
  method: linkageV1.TransferMethod.TRANSFER_METHOD_SYSTEM_PUSH,
  listItemCode: '',
  sentAt: new Date().toISOString(),
});

/** Calls TransferMatter `TRANSFERS` times, `CONCURRENCY` at once; calls per second. */
async function drive(client: linkageV1.LinkageServiceClient, prefix: string, total = TRANSFERS): Promise<number> {
  let next = 0;
  const one = (ref: string) =>
    new Promise<void>((resolve, reject) =>
      client.transferMatter(matter(ref), new Metadata(), { deadline: new Date(Date.now() + 30_000) }, (err: ServiceError | null) => (err ? reject(err) : resolve())),
    );
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await one(`${prefix}-${next++}`);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/** A LinkageService that answers at once: the cost of the call itself. */
function echoServer(): Server {
  const server = new Server();
  const ok = (_c: unknown, cb: (e: null, r: object) => void) => cb(null, { duplicate: false });
  server.addService(linkageV1.LinkageServiceService, {
    transferMatter: (_c: unknown, cb: (e: null, r: linkageV1.TransferMatterResponse) => void) =>
      cb(null, { receiverRef: 'R', receivedAt: new Date().toISOString(), duplicate: false }),
    decideTransfer: ok,
    reportTransferStatus: ok,
    recordThreePartyCall: ok,
  });
  return server;
}

const bind = (server: Server, creds: ServerCredentials) =>
  new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', creds, (err, port) => (err ? reject(err) : resolve(port))));

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-linkage-'));
  const hotline = createDevCertificateAuthority(join(dir, 'hotline'), 'bench hotline CA');
  const police = createDevCertificateAuthority(join(dir, 'police'), 'bench 110 CA');
  const intakeCert = issueDevCertificate(hotline, 'intake');
  const peerCert = issueDevCertificate(police, 'police-110-bench');
  const read = (f: string) => readFileSync(f);
  const peerPin = new X509Certificate(read(peerCert.certFile)).fingerprint256;
  const intakePin = new X509Certificate(read(intakeCert.certFile)).fingerprint256;
  const pinned = (pin: string, ca: string, c: typeof peerCert): ChannelCredentials =>
    credentials.createSsl(read(ca), read(c.keyFile), read(c.certFile), {
      checkServerIdentity: (_h, cert) => (cert.fingerprint256 === pin ? undefined : new Error('not pinned')),
    });

  // The 110 side's own LinkageService (its certificate, trusting the hotline CA): the gateway's
  // callbacks (accepted, received) reach it, as they would reach the real platform.
  const peerEcho = echoServer();
  const peerPort = await bind(peerEcho, ServerCredentials.createSsl(read(hotline.certFile), [{ cert_chain: read(peerCert.certFile), private_key: read(peerCert.keyFile) }], true));
  const db = await createTestDatabase('intake');
  const namespace = uniqueNamespace();
  await migrate({ url: db.url, entities: intakeService.entities, migrations: intakeService.migrations });
  const intake = await startService(intakeService, {
    ...serviceEnv({ databaseUrl: db.url, natsUrl: SHARED_NATS_URL, namespace }),
    LOG_LEVEL: 'error',
    INTERCONNECT_110_GRPC_PORT: '0',
    INTERCONNECT_110_TLS_CA_FILE: police.certFile,
    INTERCONNECT_110_TLS_CERT_FILE: intakeCert.certFile,
    INTERCONNECT_110_TLS_KEY_FILE: intakeCert.keyFile,
    LINKAGE_PEERS: JSON.stringify([
      { name: 'police-110-bench', tenant: 'city-bench', counterpart: '110', fingerprint: peerPin, address: `127.0.0.1:${peerPort}`, ratePerSecond: 10_000 },
    ]),
  });
  const echoTls = echoServer();
  const echoPlain = echoServer();
  try {
    await intake.context.dataSource.query(`insert into tenant_directory (code, name, kind, status) values ('city-bench', 'bench', 'city', 'active')`);
    intake.context.tenants.forget('city-bench');
    const gatewayPort = intake.app.get(LinkageSettings).gateway?.port;
    const tlsPort = await bind(echoTls, ServerCredentials.createSsl(read(hotline.certFile), [{ cert_chain: read(intakeCert.certFile), private_key: read(intakeCert.keyFile) }], true));
    const plainPort = await bind(echoPlain, ServerCredentials.createInsecure());
    // The peer's certificate is from the 110 CA; the echo over TLS trusts the hotline CA, so it gets a hotline one.
    const benchClient = issueDevCertificate(hotline, 'bench-client');

    const gateway = new linkageV1.LinkageServiceClient(`127.0.0.1:${gatewayPort}`, pinned(intakePin, hotline.certFile, peerCert));
    const tls = new linkageV1.LinkageServiceClient(`127.0.0.1:${tlsPort}`, pinned(intakePin, hotline.certFile, benchClient));
    const plain = new linkageV1.LinkageServiceClient(`127.0.0.1:${plainPort}`, credentials.createInsecure());
    // JIT, connections and TLS sessions warm before anything is measured.
    for (const [client, prefix] of [[plain, 'warm-p'], [tls, 'warm-t'], [gateway, 'warm-g']] as const) await drive(client, prefix, 100);

    const plainRate = await drive(plain, 'plain');
    const tlsRate = await drive(tls, 'tls');
    const gatewayRate = await drive(gateway, 'gw');
    const [{ count }] = await intake.context.db.read('city-bench', (m) => m.query(`select count(*)::int as count from linkage_transfers`));
    if (count !== TRANSFERS + 100) throw new Error(`expected ${TRANSFERS} transfers recorded, found ${count}`);
    console.log(`linkage gateway, ${TRANSFERS} transfers, ${CONCURRENCY} concurrent (this machine, same run)`);
    console.log(`  plain gRPC, no TLS, no work (baseline)        ${plainRate.toFixed(0).padStart(6)} /s`);
    console.log(`  mutual TLS, pinned, no work                   ${tlsRate.toFixed(0).padStart(6)} /s  ${(tlsRate / plainRate).toFixed(2)}× of plain`);
    console.log(`  gateway over mutual TLS (request + outbox)    ${gatewayRate.toFixed(0).padStart(6)} /s  ${(gatewayRate / plainRate).toFixed(2)}× of plain`);
    for (const c of [gateway, tls, plain]) c.close();
  } finally {
    echoTls.forceShutdown();
    echoPlain.forceShutdown();
    peerEcho.forceShutdown();
    await intake.close();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
