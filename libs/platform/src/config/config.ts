import { isIP } from 'node:net';
import { z } from 'zod';
import { TENANT_CODE_PATTERN } from '@hotline/vocabulary';
import { servicePeersSchema } from '../grpc/grpc-peers';

/** Thrown when the environment does not satisfy a service's schema; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int().min(0).max(65535);
const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL (${protocols.join(' or ')})`);

function isAddressOrRange(value: string): boolean {
  const [address, bits, extra] = value.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/** A comma-separated list of entries each satisfying `valid`; empty by default. */
const commaList = (valid: (entry: string) => boolean, rule: string) =>
  z
    .string()
    .default('')
    .transform((v) => v.split(',').map((e) => e.trim()).filter(Boolean))
    .refine((entries) => entries.every(valid), rule);

/** Variables every service reads. Services extend this with their own. */
export const baseConfigSchema = z
  .object({
    HTTP_PORT: port,
    GRPC_PORT: port,
    HTTP_HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: url(['postgres:', 'postgresql:']),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    NATS_URL: url(['nats:', 'tls:']),
    /** Prefix of subjects and streams; empty, or shaped like a tenant code (a subject token). */
    EVENT_NAMESPACE: z
      .string()
      .refine((v) => v === '' || TENANT_CODE_PATTERN.test(v), 'lowercase letters, digits and single dashes')
      .default(''),
    AUTH_MODE: z.enum(['local', 'jwks']).default('local'),
    AUTH_LOCAL_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    AUTH_JWKS_URL: url(['https:', 'http:']).optional(),
    AUTH_ISSUER: z.string().optional(),
    AUTH_AUDIENCE: z.string().optional(),
    /** Longest accepted token lifetime (exp − iat, or exp − now without iat), in seconds; 12 h by default. */
    AUTH_MAX_TOKEN_LIFETIME_S: z.coerce.number().int().min(60).max(30 * 86_400).default(12 * 3600),
    /**
     * Peers whose X-Forwarded-For is believed (the ingress, a load balancer): comma-separated
     * addresses or CIDR ranges. Empty by default: the client address is the TCP peer's.
     */
    TRUSTED_PROXIES: commaList(isAddressOrRange, 'IP addresses or CIDR ranges, comma-separated'),
    /** Origins allowed to call the API from a browser (the web console's), comma-separated; none by default. */
    CORS_ORIGINS: commaList((v) => /^https?:\/\/[^/\s]+$/.test(v), 'origins such as https://console.example.gov.cn, comma-separated'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']).optional(),
    STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    STREAM_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** JetStream dedup window; keep the 2-minute default outside tests. */
    STREAM_DUPLICATE_WINDOW_MS: z.coerce.number().int().min(100).max(86_400_000).default(120_000),
    /**
     * Public and unauthenticated requests per minute per client address, across every replica
     * (health, metrics and docs exempt).
     */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
    /**
     * Requests per minute per tenant and service, across every replica: its staff's calls and its
     * public paths. 60,000 leaves a Beijing-sized hotline (700 agents on duty, each console
     * calling every few seconds) far below it while bounding what one tenant can take.
     */
    TENANT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(60_000),
    /**
     * gRPC mutual TLS, all three or none (libs/platform/src/grpc/grpc-tls.ts): the CA every
     * service certificate is signed by, and this service's certificate and key (PEM files).
     */
    GRPC_TLS_CA_FILE: z.string().optional(),
    GRPC_TLS_CERT_FILE: z.string().optional(),
    GRPC_TLS_KEY_FILE: z.string().optional(),
    /** Service identities of client certificates, and the tenants and roles each may act for over gRPC. */
    GRPC_SERVICE_PEERS: servicePeersSchema,
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(100),
    TIMER_POLL_MS: z.coerce.number().int().min(10).max(60000).default(500),
  });

/** Rules across variables; they run on the raw environment so they report even when others fail. */
export type ConfigRule = (env: NodeJS.ProcessEnv) => string[];

const authRule: ConfigRule = (env) => {
  const mode = env['AUTH_MODE'] ?? 'local';
  if (mode === 'local' && !env['AUTH_LOCAL_SECRET']) return ['AUTH_LOCAL_SECRET: required when AUTH_MODE=local'];
  if (mode !== 'jwks') return [];
  // A JWKS signs for every relying party of the identity provider: only issuer and audience
  // tell a token meant for the hotline from one meant for another system.
  return ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'].filter((name) => !env[name]).map((name) => `${name}: required when AUTH_MODE=jwks`);
};

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** Parses the environment against a schema, collecting every problem into one ConfigError. */
export function parseConfig<S extends z.ZodTypeAny>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
  rules: ConfigRule[] = [authRule],
): z.infer<S> {
  const result = schema.safeParse(env);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const raw = env[String(issue.path[0])];
        const missing = raw === undefined || raw === '';
        return missing ? `${name}: missing` : `${name}: ${issue.message}`;
      });
  problems.push(...rules.flatMap((rule) => rule(env)));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/** For entry points: parse, or print the one clear message and exit non-zero. */
export function loadConfigOrExit<S extends z.ZodTypeAny>(schema: S, service: string): z.infer<S> {
  try {
    return parseConfig(schema, process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${service}: ${err.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}
