import { ChannelCredentials, credentials, experimental, ServerCredentials } from '@grpc/grpc-js';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { BaseConfig, ConfigError } from '../config/config';

/** Where a service's gRPC mutual-TLS material is (GRPC_TLS_CA_FILE, GRPC_TLS_CERT_FILE, GRPC_TLS_KEY_FILE). */
export interface GrpcTlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** The PEM bytes of one consistent set: the CA bundle, this service's chain and its key. */
export interface GrpcTlsMaterial {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
  /** When this service's certificate expires. */
  validTo: string;
}

const VARIABLES = { caFile: 'GRPC_TLS_CA_FILE', certFile: 'GRPC_TLS_CERT_FILE', keyFile: 'GRPC_TLS_KEY_FILE' } as const;

/** The TLS files of the configuration: all three, or none (gRPC then accepts bearer tokens only). */
export function grpcTlsFilesOf(config: Pick<BaseConfig, 'GRPC_TLS_CA_FILE' | 'GRPC_TLS_CERT_FILE' | 'GRPC_TLS_KEY_FILE' | 'GRPC_SERVICE_PEERS'>): GrpcTlsFiles | undefined {
  const files = { caFile: config.GRPC_TLS_CA_FILE ?? '', certFile: config.GRPC_TLS_CERT_FILE ?? '', keyFile: config.GRPC_TLS_KEY_FILE ?? '' };
  const set = (Object.keys(VARIABLES) as Array<keyof GrpcTlsFiles>).filter((k) => files[k] !== '');
  if (set.length === 0) {
    // Service identities come from client certificates: without TLS none could ever be presented.
    if (config.GRPC_SERVICE_PEERS.size > 0)
      throw new ConfigError(['GRPC_SERVICE_PEERS: needs GRPC_TLS_CA_FILE, GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE (identities come from client certificates)']);
    return undefined;
  }
  if (set.length < 3) {
    const missing = (Object.keys(VARIABLES) as Array<keyof GrpcTlsFiles>).filter((k) => files[k] === '').map((k) => VARIABLES[k]);
    throw new ConfigError(missing.map((v) => `${v}: missing (gRPC TLS needs the CA, certificate and key files together)`));
  }
  return files;
}

const pemBlocks = (pem: string): string[] => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/**
 * Reads and checks the files: the CA bundle parses, the certificate belongs to the key and is
 * signed by a CA of the bundle (directly, or through the intermediates of its own chain).
 * Problems name the variable, so a wrong Secret mount fails the start, not every handshake.
 */
export function readGrpcTlsMaterial(files: GrpcTlsFiles): GrpcTlsMaterial {
  const problems: string[] = [];
  const read = (key: keyof GrpcTlsFiles): Buffer | undefined => {
    try {
      return readFileSync(files[key]);
    } catch (err) {
      problems.push(`${VARIABLES[key]}: cannot read ${files[key]} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      return undefined;
    }
  };
  const [ca, cert, key] = [read('caFile'), read('certFile'), read('keyFile')];
  if (!ca || !cert || !key) throw new ConfigError(problems);
  const parse = (variable: string, pem: string): X509Certificate[] => {
    try {
      const certificates = pemBlocks(pem).map((block) => new X509Certificate(block));
      if (certificates.length === 0) problems.push(`${variable}: no PEM certificate in ${variable === VARIABLES.caFile ? files.caFile : files.certFile}`);
      return certificates;
    } catch (err) {
      problems.push(`${variable}: not a PEM certificate (${(err as Error).message})`);
      return [];
    }
  };
  const authorities = parse(VARIABLES.caFile, ca.toString('utf8'));
  const chain = parse(VARIABLES.certFile, cert.toString('utf8'));
  const leaf = chain[0];
  if (leaf) {
    try {
      if (!leaf.checkPrivateKey(createPrivateKey(key))) problems.push(`${VARIABLES.keyFile}: is not the key of the certificate in ${files.certFile}`);
    } catch (err) {
      problems.push(`${VARIABLES.keyFile}: not a PEM private key (${(err as Error).message})`);
    }
    const top = chain[chain.length - 1] as X509Certificate;
    const linked = chain.every((c, i) => i === 0 || (chain[i - 1] as X509Certificate).verify(c.publicKey));
    if (authorities.length > 0 && !(linked && authorities.some((a) => top.checkIssued(a) && top.verify(a.publicKey))))
      problems.push(`${VARIABLES.certFile}: not signed by a CA of ${files.caFile}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ca, cert, key, validTo: (leaf as X509Certificate).validTo };
}

/** How often the mounted files are read again: a renewed certificate (cert-manager) is served within this. */
export const TLS_RELOAD_MS = 60_000;

/**
 * Serves the TLS material to grpc-js and keeps it current: every TLS_RELOAD_MS the files are
 * read again, and a changed set that passes the checks replaces the old one (a broken or
 * half-written one is logged and ignored, so the last good certificate stays in use).
 */
export class ReloadingTlsMaterial implements experimental.CertificateProvider {
  private readonly caListeners = new Set<experimental.CaCertificateUpdateListener>();
  private readonly identityListeners = new Set<experimental.IdentityCertificateUpdateListener>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly files: GrpcTlsFiles,
    private current: GrpcTlsMaterial,
    private readonly logger: Logger,
    private readonly reloadMs = TLS_RELOAD_MS,
  ) {}

  /** Reads the files again; true when a new set was taken. */
  reload(): boolean {
    let next: GrpcTlsMaterial;
    try {
      next = readGrpcTlsMaterial(this.files);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'gRPC TLS files unusable; keeping the certificate in use');
      return false;
    }
    const same = next.ca.equals(this.current.ca) && next.cert.equals(this.current.cert) && next.key.equals(this.current.key);
    if (same) return false;
    this.current = next;
    this.logger.info({ validTo: next.validTo }, 'gRPC TLS certificate reloaded');
    for (const listener of this.caListeners) listener({ caCertificate: next.ca });
    for (const listener of this.identityListeners) listener({ certificate: next.cert, privateKey: next.key });
    return true;
  }

  addCaCertificateListener(listener: experimental.CaCertificateUpdateListener): void {
    this.caListeners.add(listener);
    // Later, not now: grpc-js registers its own watcher only after adding these listeners.
    process.nextTick(() => listener({ caCertificate: this.current.ca }));
    this.watch();
  }

  removeCaCertificateListener(listener: experimental.CaCertificateUpdateListener): void {
    this.caListeners.delete(listener);
    this.unwatch();
  }

  addIdentityCertificateListener(listener: experimental.IdentityCertificateUpdateListener): void {
    this.identityListeners.add(listener);
    process.nextTick(() => listener({ certificate: this.current.cert, privateKey: this.current.key }));
    this.watch();
  }

  removeIdentityCertificateListener(listener: experimental.IdentityCertificateUpdateListener): void {
    this.identityListeners.delete(listener);
    this.unwatch();
  }

  private watch(): void {
    this.timer ??= setInterval(() => this.reload(), this.reloadMs).unref();
  }

  private unwatch(): void {
    if (this.caListeners.size > 0 || this.identityListeners.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * The gRPC server's credentials: without TLS files, plaintext (bearer tokens only); with them,
 * TLS that requires a client certificate signed by the CA, refused at the handshake otherwise.
 */
export function grpcServerCredentials(config: Parameters<typeof grpcTlsFilesOf>[0], logger: Logger): ServerCredentials {
  const files = grpcTlsFilesOf(config);
  if (!files) return ServerCredentials.createInsecure();
  const material = readGrpcTlsMaterial(files);
  logger.info({ certFile: files.certFile, validTo: material.validTo }, 'gRPC mutual TLS: client certificates required');
  const provider = new ReloadingTlsMaterial(files, material, logger);
  // One provider answers for both: grpc-js 1.14 passes this function's two providers to the
  // constructor in the opposite order, which is harmless only when they are the same.
  return experimental.createCertificateProviderServerCredentials(provider, provider, true);
}

/** Channel credentials of a gRPC client with a client certificate (PEM bytes, or the files of a GrpcTlsFiles). */
export function mtlsChannelCredentials(source: GrpcTlsFiles | Pick<GrpcTlsMaterial, 'ca' | 'cert' | 'key'>): ChannelCredentials {
  const pem = 'caFile' in source ? { ca: readFileSync(source.caFile), cert: readFileSync(source.certFile), key: readFileSync(source.keyFile) } : source;
  return credentials.createSsl(pem.ca, pem.key, pem.cert);
}
