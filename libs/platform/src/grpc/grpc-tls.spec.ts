import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseServicePeers } from './grpc-peers';
import { createDevCertificateAuthority, issueDevCertificate, selfSignedDevCertificate } from './dev-certificates';
import { grpcTlsFilesOf, readGrpcTlsMaterial, ReloadingTlsMaterial } from './grpc-tls';

const noPeers = parseServicePeers('').peers;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'grpc-tls-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gRPC TLS configuration', () => {
  it('is all three files or none; service peers need it', () => {
    expect(grpcTlsFilesOf({ GRPC_SERVICE_PEERS: noPeers })).toBeUndefined();
    expect(() => grpcTlsFilesOf({ GRPC_TLS_CA_FILE: '/ca.crt', GRPC_SERVICE_PEERS: noPeers })).toThrow(
      /GRPC_TLS_CERT_FILE: missing[\s\S]*GRPC_TLS_KEY_FILE: missing/,
    );
    expect(() => grpcTlsFilesOf({ GRPC_SERVICE_PEERS: parseServicePeers('gw=city-1:agent').peers })).toThrow(/GRPC_SERVICE_PEERS: needs GRPC_TLS_CA_FILE/);
  });

  it('reads a certificate signed by the CA, with its key', () => {
    const ca = createDevCertificateAuthority(join(dir, 'good'));
    const cert = issueDevCertificate(ca, 'dispatch');
    const material = readGrpcTlsMaterial({ caFile: ca.certFile, ...cert });
    expect(material.cert.toString()).toContain('BEGIN CERTIFICATE');
    const x509 = new X509Certificate(material.cert);
    expect(x509.subjectAltName).toContain('URI:spiffe://hotline/dispatch');
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
  });

  it('names the variable of a missing file, a key of another certificate, and a certificate of another CA', () => {
    const ca = createDevCertificateAuthority(join(dir, 'bad'));
    const cert = issueDevCertificate(ca, 'intake');
    const other = issueDevCertificate(ca, 'revisit');
    const foreign = selfSignedDevCertificate(join(dir, 'bad'), 'intake');
    expect(() => readGrpcTlsMaterial({ caFile: join(dir, 'nope.crt'), ...cert })).toThrow(/GRPC_TLS_CA_FILE: cannot read .*nope\.crt \(ENOENT\)/);
    expect(() => readGrpcTlsMaterial({ caFile: ca.certFile, certFile: cert.certFile, keyFile: other.keyFile })).toThrow(
      /GRPC_TLS_KEY_FILE: is not the key of the certificate/,
    );
    expect(() => readGrpcTlsMaterial({ caFile: ca.certFile, ...foreign })).toThrow(/GRPC_TLS_CERT_FILE: not signed by a CA of/);
    expect(() => readGrpcTlsMaterial({ caFile: cert.keyFile, ...cert })).toThrow(/GRPC_TLS_CA_FILE: no PEM certificate/);
  });

  it('takes a renewed certificate from the same files, and keeps the last good one when the files are broken', async () => {
    const ca = createDevCertificateAuthority(join(dir, 'reload'));
    const first = issueDevCertificate(ca, 'handling', { dir: join(dir, 'reload/first') });
    const second = issueDevCertificate(ca, 'handling', { dir: join(dir, 'reload/second') });
    const mounted = { caFile: ca.certFile, certFile: join(dir, 'reload/tls.crt'), keyFile: join(dir, 'reload/tls.key') };
    copyFileSync(first.certFile, mounted.certFile);
    copyFileSync(first.keyFile, mounted.keyFile);
    const provider = new ReloadingTlsMaterial(mounted, readGrpcTlsMaterial(mounted), pino({ level: 'silent' }));
    const served: Buffer[] = [];
    const listener = (update: { certificate: Buffer } | null) => update && served.push(update.certificate);
    provider.addIdentityCertificateListener(listener);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      expect(provider.reload()).toBe(false);
      copyFileSync(second.certFile, mounted.certFile);
      copyFileSync(second.keyFile, mounted.keyFile);
      expect(provider.reload()).toBe(true);
      writeFileSync(mounted.keyFile, 'half a key');
      expect(provider.reload()).toBe(false);
      expect(served).toEqual([readFileSync(first.certFile), readFileSync(second.certFile)]);
    } finally {
      provider.removeIdentityCertificateListener(listener);
    }
  });

  it('issues a development certificate again once another CA replaced the one that signed it', () => {
    const caDir = join(dir, 'reissue');
    const ca = createDevCertificateAuthority(caDir);
    const cert = issueDevCertificate(ca, 'analytics');
    const before = readFileSync(cert.certFile);
    expect(readFileSync(issueDevCertificate(ca, 'analytics').certFile)).toEqual(before);
    rmSync(ca.certFile);
    const renewed = createDevCertificateAuthority(caDir);
    const after = issueDevCertificate(renewed, 'analytics');
    expect(readFileSync(after.certFile)).not.toEqual(before);
    expect(() => readGrpcTlsMaterial({ caFile: renewed.certFile, ...after })).not.toThrow();
  });
});
