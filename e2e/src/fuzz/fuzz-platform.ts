import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_DATABASE_URL, SHARED_NATS_URL } from '@hotline/testing';
import { LocalPlatform, ROOT, SERVICES } from '../support/platform';
import { Fingerprinter } from './fingerprint';
import type { OpenApiDocument } from './openapi';
import { freshSeed } from './random';
import type { ReproductionHints } from './report';
import type { FuzzTarget } from './runner';

/**
 * The README's start command with the rate limits raised: a fuzz run sends thousands of
 * requests a minute from one address and one tenant, and must see the answers the platform
 * gives them, not 429s.
 */
export async function startFuzzPlatform(): Promise<LocalPlatform> {
  const platform = LocalPlatform.launch({ RATE_LIMIT_PER_MINUTE: '1000000', TENANT_RATE_LIMIT_PER_MINUTE: '10000000' });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`platform not ready in 150 s:\n${platform.output}`)), 150_000);
  });
  try {
    await Promise.race([platform.waitForOutput(/\[start\] platform ready/), late]);
  } catch (err) {
    await platform.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return platform;
}

/** What the runner needs of a started platform: its documents, addresses, tokens and databases. */
export async function fuzzTargetOf(platform: LocalPlatform): Promise<FuzzTarget & { probe: Fingerprinter }> {
  const documents: Record<string, OpenApiDocument> = {};
  for (const service of SERVICES) {
    const res = await fetch(`${platform.url(service)}/docs/openapi.json`);
    if (res.status !== 200) throw new Error(`${service} serves no OpenAPI document (${res.status})`);
    documents[service] = (await res.json()) as OpenApiDocument;
  }
  const databases = Object.fromEntries(SERVICES.map((s) => [s, `${platform.prefix}_${s}`]));
  return {
    documents,
    origin: (service) => platform.url(service as (typeof SERVICES)[number]),
    tokens: platform.tokens(),
    probe: await Fingerprinter.open(ADMIN_DATABASE_URL, databases, SHARED_NATS_URL, platform.namespace),
  };
}

/** Cases per operation in `npm test`: about a minute of requests on two cores. */
export const DEFAULT_CASES = 80;

/** Seed and size of a run: FUZZ_SEED (a fresh one when unset), FUZZ_CASES per operation, FUZZ_TRACE=1 to print calibration. */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): { seed: string; casesPerOperation: number; trace: boolean } {
  const cases = Number(env['FUZZ_CASES'] ?? DEFAULT_CASES);
  return {
    seed: env['FUZZ_SEED'] || freshSeed(),
    casesPerOperation: Number.isInteger(cases) && cases > 0 ? cases : DEFAULT_CASES,
    trace: env['FUZZ_TRACE'] === '1',
  };
}

const FILES = join(ROOT, 'tmp', 'fuzz');

/** How a failure is reproduced: `npm start`'s ports, long bodies and curl lines written under tmp/fuzz/, the run's command. */
export function reproductionHints(settings: { seed: string; casesPerOperation: number }): ReproductionHints {
  return {
    port: (service) => 3001 + SERVICES.indexOf(service as (typeof SERVICES)[number]),
    save: (name, content) => {
      mkdirSync(FILES, { recursive: true });
      writeFileSync(join(FILES, name), content);
      return `tmp/fuzz/${name}`;
    },
    rerun: `npm run fuzz -- --seed ${settings.seed} --cases ${settings.casesPerOperation}`,
  };
}
