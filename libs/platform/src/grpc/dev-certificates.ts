import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { SPIFFE_PREFIX } from './grpc-auth';

// A development CA and its certificates, made with openssl, for `npm start` (tools/local) and
// the tests. Production certificates come from the operator's CA or cert-manager (deploy/helm).

export interface DevCertificate {
  certFile: string;
  keyFile: string;
}

export interface DevCertificateAuthority extends DevCertificate {
  /** Where the certificates it issues are written. */
  dir: string;
}

/** A certificate is issued again when it expires within this, or when another CA signed it. */
const RENEW_WITHIN_MS = 30 * 86_400_000;

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new Error('openssl is not on PATH (Debian: apt-get install openssl)');
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString().trim() ?? e.message}`);
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function files(dir: string, name: string): DevCertificate {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { certFile: join(dir, `${name}.crt`), keyFile: join(dir, `${name}.key`) };
}

function current(cert: DevCertificate, issuer?: DevCertificate): boolean {
  if (!existsSync(cert.certFile) || !existsSync(cert.keyFile)) return false;
  const x509 = new X509Certificate(readFileSync(cert.certFile));
  if (new Date(x509.validTo).getTime() - Date.now() < RENEW_WITHIN_MS) return false;
  return !issuer || x509.verify(new X509Certificate(readFileSync(issuer.certFile)).publicKey);
}

/** The CA in `dir` (ca.crt, ca.key), created when missing or about to expire. */
export function createDevCertificateAuthority(dir: string, name = 'hotline development CA', days = 3650): DevCertificateAuthority {
  const ca = { ...files(dir, 'ca'), dir };
  if (current(ca)) return ca;
  openssl([
    'req', '-x509', ...EC_KEY, '-keyout', ca.keyFile, '-out', ca.certFile, '-days', String(days), '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  chmodSync(ca.keyFile, 0o600);
  return ca;
}

/**
 * A certificate for a service identity, signed by the CA, for both ends of mutual TLS: SAN URI
 * spiffe://hotline/<identity> (what the servers read), CN <identity>, and the hosts it serves
 * (localhost and 127.0.0.1 by default). Kept while it is current; issued again otherwise.
 */
export function issueDevCertificate(
  ca: DevCertificateAuthority,
  identity: string,
  options: { hosts?: string[]; days?: number; dir?: string } = {},
): DevCertificate {
  const cert = files(options.dir ?? ca.dir, identity);
  if (current(cert, ca)) return cert;
  const hosts = options.hosts ?? ['localhost', '127.0.0.1'];
  const san = [`URI:${SPIFFE_PREFIX}${identity}`, ...hosts.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`))].join(',');
  openssl([
    'req', '-x509', ...EC_KEY, '-keyout', cert.keyFile, '-out', cert.certFile, '-days', String(options.days ?? 825),
    '-subj', `/CN=${identity}`, '-CA', ca.certFile, '-CAkey', ca.keyFile,
    '-addext', `subjectAltName=${san}`, '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'keyUsage=critical,digitalSignature', '-addext', 'extendedKeyUsage=serverAuth,clientAuth',
  ]);
  chmodSync(cert.keyFile, 0o600);
  return cert;
}

/** A certificate for the identity that no CA signed (tests: it must be refused at the handshake). */
export function selfSignedDevCertificate(dir: string, identity: string): DevCertificate {
  const cert = files(dir, `${identity}.self-signed`);
  openssl([
    'req', '-x509', ...EC_KEY, '-keyout', cert.keyFile, '-out', cert.certFile, '-days', '30', '-subj', `/CN=${identity}`,
    '-addext', `subjectAltName=URI:${SPIFFE_PREFIX}${identity},DNS:localhost,IP:127.0.0.1`,
    '-addext', 'extendedKeyUsage=serverAuth,clientAuth',
  ]);
  chmodSync(cert.keyFile, 0o600);
  return cert;
}
