import { z } from 'zod';
import { isTenantCode, LINKAGE_COUNTERPARTS, LinkageCounterpart } from '@hotline/vocabulary';
import { handoffAdaptersSchema } from './handoff-adapters';

/**
 * One counterpart platform of one tenant (e.g. the 110 platform of city-3201): the SHA-256
 * fingerprint of its certificate (pinned: a certificate its CA signed is not enough), where its
 * LinkageService listens, and how many calls per second it may make here.
 */
export interface LinkagePeer {
  /** A name for logs and the audit, e.g. `police-110-3201`. */
  name: string;
  tenant: string;
  counterpart: LinkageCounterpart;
  /** Upper-case hex pairs separated by colons, as node:tls reports `fingerprint256`. */
  fingerprint: string;
  /** host:port of the peer's LinkageService, for the calls 12345 makes. */
  address: string;
  ratePerSecond: number;
}

const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

const peerSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and dashes'),
    tenant: z.string().refine(isTenantCode, 'a tenant code such as city-3201'),
    counterpart: z.enum(LINKAGE_COUNTERPARTS),
    fingerprint: z
      .string()
      .transform((f) => f.toUpperCase())
      .refine((f) => FINGERPRINT.test(f), 'SHA-256 fingerprint as 32 colon-separated hex pairs (openssl x509 -fingerprint -sha256)'),
    address: z.string().regex(/^[A-Za-z0-9.-]+:[0-9]{1,5}$/, 'host:port'),
    ratePerSecond: z.number().int().min(1).max(10_000).default(20),
  })
  .strict();

/**
 * LINKAGE_PEERS: a JSON array of peers. A certificate is one identity, so one fingerprint
 * belongs to one tenant, and a tenant has one peer per counterpart.
 */
const peersSchema = z
  .string()
  .default('[]')
  .transform((text, ctx): LinkagePeer[] => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON array of peers' });
      return z.NEVER;
    }
    const result = z.array(peerSchema).safeParse(parsed);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${issue.path.join('.')}: ${issue.message}` });
      return z.NEVER;
    }
    const peers = result.data;
    const seen = new Set<string>();
    for (const peer of peers) {
      for (const key of [`fingerprint ${peer.fingerprint}`, `${peer.tenant}/${peer.counterpart}`, `name ${peer.name}`]) {
        if (seen.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${key} is listed twice` });
        seen.add(key);
      }
    }
    return peers;
  });

/** intake's linkage variables (see docs/linkage.md). The gateway runs only when INTERCONNECT_110_GRPC_PORT is set. */
export const linkageConfigShape = {
  /** Port of the gateway's own gRPC server (mutual TLS to the counterparts); unset: no gateway. */
  INTERCONNECT_110_GRPC_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** The counterparts' CA bundle, 12345's certificate and key towards them (server and client). */
  INTERCONNECT_110_TLS_CA_FILE: z.string().optional(),
  INTERCONNECT_110_TLS_CERT_FILE: z.string().optional(),
  INTERCONNECT_110_TLS_KEY_FILE: z.string().optional(),
  LINKAGE_PEERS: peersSchema,
  /** How long an offered transfer waits for the peer's decision before it is back with the agent (default 10 minutes). */
  LINKAGE_DECISION_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(7 * 86_400).default(600),
  /** The deadline of each call to a peer; a call that misses it is retried from the outbox. */
  LINKAGE_CALL_DEADLINE_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** How hand-offs reach 119/120/122 and the utility lines (handoff-adapters.ts); `log` for any not named. */
  LINKAGE_HANDOFF_ADAPTERS: handoffAdaptersSchema,
  /** Stability-risk notices to 110 (risk-notice.timer.ts): the first retry's wait, doubled each time up to the cap; never given up on an outage. */
  LINKAGE_RISK_NOTICE_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
  LINKAGE_RISK_NOTICE_RETRY_MAX_MS: z.coerce.number().int().min(100).max(3_600_000).default(600_000),
};

export interface LinkageConfig {
  INTERCONNECT_110_GRPC_PORT?: number;
  INTERCONNECT_110_TLS_CA_FILE?: string;
  INTERCONNECT_110_TLS_CERT_FILE?: string;
  INTERCONNECT_110_TLS_KEY_FILE?: string;
  LINKAGE_PEERS: LinkagePeer[];
  LINKAGE_DECISION_TIMEOUT_SECONDS: number;
  LINKAGE_CALL_DEADLINE_MS: number;
  LINKAGE_HANDOFF_ADAPTERS: z.infer<typeof handoffAdaptersSchema>;
  LINKAGE_RISK_NOTICE_RETRY_BASE_MS: number;
  LINKAGE_RISK_NOTICE_RETRY_MAX_MS: number;
}

/** The peers of the configuration, by fingerprint and by tenant and counterpart. */
export class LinkagePeers {
  private readonly byFingerprint: Map<string, LinkagePeer>;

  constructor(readonly all: readonly LinkagePeer[]) {
    this.byFingerprint = new Map(all.map((p) => [p.fingerprint, p]));
  }

  withFingerprint(fingerprint: string | undefined): LinkagePeer | undefined {
    return fingerprint ? this.byFingerprint.get(fingerprint.toUpperCase()) : undefined;
  }

  of(tenant: string, counterpart: LinkageCounterpart): LinkagePeer | undefined {
    return this.all.find((p) => p.tenant === tenant && p.counterpart === counterpart);
  }
}
