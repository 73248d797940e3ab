import { ChannelCredentials, credentials, ServerCredentials } from '@grpc/grpc-js';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PeerCertificate } from 'node:tls';
import { ConfigError } from '@hotline/platform';
import type { LinkageConfig } from './linkage-config';

/** The gateway's TLS material: the counterparts' CA bundle, and 12345's own certificate and key. */
export interface LinkageTlsMaterial {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

const VARIABLES = ['INTERCONNECT_110_TLS_CA_FILE', 'INTERCONNECT_110_TLS_CERT_FILE', 'INTERCONNECT_110_TLS_KEY_FILE'] as const;

/**
 * Reads the three files (all required: the interconnect runs over mutual TLS only) and checks
 * that the key is the certificate's. Problems name the variable, so a wrong mount fails the start.
 */
export function readLinkageTls(config: LinkageConfig): LinkageTlsMaterial {
  const problems: string[] = [];
  const read = (variable: (typeof VARIABLES)[number]): Buffer | undefined => {
    const file = config[variable];
    if (!file) {
      problems.push(`${variable}: required when INTERCONNECT_110_GRPC_PORT is set (the interconnect runs over mutual TLS only)`);
      return undefined;
    }
    try {
      return readFileSync(file);
    } catch (err) {
      problems.push(`${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      return undefined;
    }
  };
  const [ca, cert, key] = VARIABLES.map(read);
  if (!ca || !cert || !key) throw new ConfigError(problems);
  try {
    if (!new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))) problems.push('INTERCONNECT_110_TLS_KEY_FILE: is not the key of INTERCONNECT_110_TLS_CERT_FILE');
  } catch (err) {
    problems.push(`INTERCONNECT_110_TLS_CERT_FILE / INTERCONNECT_110_TLS_KEY_FILE: not PEM (${(err as Error).message})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ca, cert, key };
}

/** The gateway's server: TLS that requires a client certificate signed by a counterpart's CA (pinning is per call). */
export function linkageServerCredentials(tls: LinkageTlsMaterial): ServerCredentials {
  return ServerCredentials.createSsl(tls.ca, [{ cert_chain: tls.cert, private_key: tls.key }], true);
}

/**
 * A channel to one peer: its server certificate must be signed by a counterpart's CA and be the
 * pinned one (its fingerprint), whatever name it carries; 12345 presents its own certificate.
 */
export function linkageChannelCredentials(tls: LinkageTlsMaterial, fingerprint: string): ChannelCredentials {
  return credentials.createSsl(tls.ca, tls.key, tls.cert, {
    checkServerIdentity: (_host: string, cert: PeerCertificate) =>
      cert.fingerprint256?.toUpperCase() === fingerprint ? undefined : new Error(`the peer's certificate is not the pinned one (${fingerprint})`),
  });
}
