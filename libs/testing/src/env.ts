import { existsSync } from 'node:fs';

export const TEST_AUTH_SECRET = 'test-secret-for-local-tokens-only-0123456789';

/** Environment for a service under test: ephemeral ports, its own database and namespace. */
export function serviceEnv(options: { databaseUrl: string; natsUrl: string; namespace: string }): NodeJS.ProcessEnv {
  return {
    HTTP_PORT: '0',
    GRPC_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
    NATS_URL: options.natsUrl,
    EVENT_NAMESPACE: options.namespace,
    AUTH_MODE: 'local',
    AUTH_LOCAL_SECRET: TEST_AUTH_SECRET,
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    OUTBOX_POLL_MS: '20',
    // intake's requester-PII master key (base64 of 32 bytes), for tests only.
    PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    TIMER_POLL_MS: '50',
  };
}

/** Polls until `check` returns a truthy value or the timeout passes (then throws with `what`). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Suites that run the built services need `dist/`; the test command builds it first. */
export function requireBuiltServices(root: string): void {
  if (!existsSync(`${root}/dist/services/intake/src/main.js`))
    throw new Error('dist/ is missing: run `npm run build` (npm test does it before Jest)');
}
