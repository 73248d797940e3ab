import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { z } from 'zod';
import { PRODUCERS, ServiceName, streamOf } from '@hotline/contracts';
import { createTokenVerifier } from '../auth/identity';
import { BaseConfig, baseConfigSchema, parseConfig } from '../config/config';
import { DeadLetterBox } from '../messaging/dead-letters';
import { EventBus } from '../messaging/event-bus';
import { ConsumerPlan, planConsumers } from '../messaging/event-handlers';
import { Outbox } from '../messaging/outbox';
import { ensureConsumer, ensureStream } from '../messaging/provisioning';
import { createLogger } from '../observability/logger';
import { Metrics, statementKind } from '../observability/metrics';
import { assertNoPendingMigrations, assertRowSecurityApplies, createDataSource } from '../persistence/data-source';
import { TenantDirectory } from '../tenancy/tenant-directory';
import { handlersOf, ServiceDefinition } from './service-definition';
import type { ServiceContext } from './service-context';
import { TenantDb } from './tenant-db';

/** Runs one start-up step and logs how long it took, so a slow start says where it was slow. */
export async function timed<T>(logger: Logger, step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  logger.info({ step, ms: Math.round(performance.now() - started) }, `start-up: ${step}`);
  return result;
}

function splitConfig(parsed: Record<string, unknown>, own?: z.AnyZodObject) {
  const ownKeys = new Set(Object.keys(own?.shape ?? {}));
  const serviceConfig = Object.fromEntries(Object.entries(parsed).filter(([k]) => ownKeys.has(k)));
  return { serviceConfig, config: parsed as BaseConfig };
}

/** The service's own stream (if it publishes) and the streams and durable consumers it reads. */
async function provisionStreams(name: ServiceName, plans: ConsumerPlan[], bus: EventBus, config: BaseConfig): Promise<void> {
  const options = {
    replicas: config.STREAM_REPLICAS,
    maxAgeDays: config.STREAM_MAX_AGE_DAYS,
    duplicateWindowMs: config.STREAM_DUPLICATE_WINDOW_MS,
  };
  const streams = new Set<ServiceName>(plans.map((p) => p.spec.producer));
  if (PRODUCERS.includes(name)) streams.add(name);
  for (const producer of streams) await ensureStream(bus.jsm, streamOf(bus.namespace, producer), options);
  for (const plan of plans) await ensureConsumer(bus.jsm, bus.namespace, plan.spec);
}

export interface OpenedContext {
  context: ServiceContext;
  /** Closes what was opened, last first. */
  close(): Promise<void>;
  /** Registers a named step of the shutdown (run in reverse order of registration). */
  onClose(name: string, step: () => Promise<unknown>): void;
}

/**
 * How long one shutdown step may take before the next one runs anyway: a step that hangs (a
 * pull that never ends, a server waiting on a connection) must not hold the rest, the database
 * pool above all, past a pod's grace period. The step is named in the warning.
 */
export const SHUTDOWN_STEP_TIMEOUT_MS = 10_000;

/** Runs the steps last first, each bounded by `timeoutMs`; a failed or late step is logged and the next one runs. */
export async function runShutdownSteps(
  steps: Array<{ name: string; run: () => Promise<unknown> }>,
  logger: Logger,
  timeoutMs = SHUTDOWN_STEP_TIMEOUT_MS,
): Promise<void> {
  for (const step of [...steps].reverse()) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
      timer.unref();
    });
    const outcome = await Promise.race([step.run().then(() => 'done' as const), late]).catch((err: Error) => err);
    clearTimeout(timer);
    if (outcome === 'late') logger.warn({ step: step.name, ms: timeoutMs }, 'shutdown step did not finish in time; going on without it');
    else if (outcome instanceof Error) logger.warn({ step: step.name, err: outcome.message }, 'shutdown step failed');
  }
}

/**
 * Everything a service's code gets from the platform, without serving anything yet: its
 * configuration, database (an RLS-enforcing role, migrated), broker (streams and durable
 * consumers provisioned), outbox, dead-letter box and token verifier. startService builds the
 * workers and servers on it; the operator commands (dead letters) use it alone.
 */
export async function openServiceContext(def: ServiceDefinition, env: NodeJS.ProcessEnv): Promise<OpenedContext> {
  const schema = def.configSchema ? baseConfigSchema.merge(def.configSchema) : baseConfigSchema;
  const { serviceConfig, config } = splitConfig(parseConfig(schema, env), def.configSchema);
  const logger = createLogger(def.name, config.LOG_LEVEL);
  const metrics = new Metrics(def.name);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    entities: def.entities,
    migrations: def.migrations,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: def.name,
    onStatement: (sql) => metrics.dbStatements.inc({ kind: statementKind(sql) }),
  });
  await timed(logger, 'database connection', () => dataSource.initialize());
  const cleanups: Array<{ name: string; run: () => Promise<unknown> }> = [{ name: 'database pool', run: () => dataSource.destroy() }];
  const close = () => runShutdownSteps(cleanups.splice(0), logger);
  try {
    await timed(logger, 'database checks (role, migrations)', async () => {
      await assertRowSecurityApplies(dataSource);
      await assertNoPendingMigrations(dataSource);
    });
    // Every service keeps its tenant directory; the platform adds that consumer to each.
    const plans = planConsumers(def.name, config.EVENT_NAMESPACE, handlersOf(def));
    const bus = await timed(logger, 'broker connection', () =>
      EventBus.connect(config.NATS_URL, `${def.name}@${hostname()}`, config.EVENT_NAMESPACE),
    );
    cleanups.push({ name: 'broker connection', run: () => bus.close() });
    await timed(logger, 'streams and consumers', () => provisionStreams(def.name, plans, bus, config));
    const context: ServiceContext = {
      name: def.name,
      config,
      serviceConfig,
      dataSource,
      db: new TenantDb(dataSource),
      bus,
      outbox: new Outbox(config.EVENT_NAMESPACE),
      logger,
      metrics,
      deadLetters: new DeadLetterBox(dataSource, bus, def.name, logger, metrics),
      consumerPlans: plans,
      tenants: new TenantDirectory(dataSource),
      verifier: createTokenVerifier({
        mode: config.AUTH_MODE,
        localSecret: config.AUTH_LOCAL_SECRET,
        jwksUrl: config.AUTH_JWKS_URL,
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        maxLifetimeS: config.AUTH_MAX_TOKEN_LIFETIME_S,
      }),
      async checks() {
        const database = await dataSource
          .query('select 1')
          .then(() => 'ok')
          .catch((err: Error) => `failed: ${err.message}`);
        const nats = (await bus.isReachable()) ? 'ok' : 'failed: not connected';
        return { database, nats };
      },
    };
    return { context, close, onClose: (name, run) => cleanups.push({ name, run }) };
  } catch (err) {
    await close();
    throw err;
  }
}
