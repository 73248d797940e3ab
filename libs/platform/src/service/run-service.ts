import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import rateLimit from '@fastify/rate-limit';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { Logger } from 'pino';
import { PRODUCERS, ServiceName, streamOf } from '@hotline/contracts';
import { createTokenVerifier, TokenVerifier } from '../auth/identity';
import { baseConfigSchema, BaseConfig, parseConfig } from '../config/config';
import { GrpcServerHost, GrpcServiceBinding } from '../grpc/grpc-server';
import { AuthGuard } from '../http/auth';
import { serveOpenApi } from '../http/openapi';
import { ProblemFilter } from '../http/problem';
import { EventBus } from '../messaging/event-bus';
import { ConsumerPlan, EventHandlerDefinition, planConsumers, planHandler } from '../messaging/event-handlers';
import { DeadLetterDrain } from '../messaging/dead-letter-drain';
import { DeadLetterBox } from '../messaging/dead-letters';
import { InboxConsumer } from '../messaging/inbox-consumer';
import { Outbox } from '../messaging/outbox';
import { OutboxRelay } from '../messaging/outbox-relay';
import { ensureConsumer, ensureStream } from '../messaging/provisioning';
import { createLogger, NestPinoLogger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import {
  assertNoPendingMigrations,
  assertRowSecurityApplies,
  createDataSource,
  DataSourceSettings,
  migrate,
} from '../persistence/data-source';
import { TimerDefinition, timerHandlers } from '../timers/timer-handlers';
import { TimerWorker } from '../timers/timers';
import { HealthController } from './health.controller';
import { SERVICE_CONTEXT, ServiceContext } from './service-context';
import { TenantDb } from './tenant-db';

export interface ServiceDefinition {
  name: ServiceName;
  /** One paragraph for the OpenAPI document at /docs. */
  description: string;
  /** Larger request-body limits for named routes ('PUT /v1/catalog'), above the 256 KiB default. */
  bodyLimits?: Record<string, number>;
  /** Variables this service reads beyond the platform's; validated with them, in one message. */
  configSchema?: z.AnyZodObject;
  entities: DataSourceSettings['entities'];
  migrations: DataSourceSettings['migrations'];
  controllers?: Type[];
  providers?: (ctx: ServiceContext) => Provider[];
  grpc?: (ctx: ServiceContext) => GrpcServiceBinding[];
  /** The events this service consumes, each handler declared beside its code (onEvent). */
  handlers?: readonly EventHandlerDefinition[];
  /** The durable timers it fires (onTimer). */
  timers?: readonly TimerDefinition[];
}

export interface RunningService {
  context: ServiceContext;
  app: NestFastifyApplication;
  httpUrl: string;
  grpcAddress: string;
  close(): Promise<void>;
}

@Module({})
class ServiceRootModule {}

function splitConfig(parsed: Record<string, unknown>, own?: z.AnyZodObject) {
  const ownKeys = new Set(Object.keys(own?.shape ?? {}));
  const serviceConfig = Object.fromEntries(Object.entries(parsed).filter(([k]) => ownKeys.has(k)));
  return { serviceConfig, config: parsed as BaseConfig };
}

const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/docs', '/docs/openapi.json']);

/** The service's own stream (if it publishes) and the streams and durable consumers it reads. */
async function provisionStreams(def: ServiceDefinition, plans: ConsumerPlan[], bus: EventBus, config: BaseConfig): Promise<void> {
  const options = {
    replicas: config.STREAM_REPLICAS,
    maxAgeDays: config.STREAM_MAX_AGE_DAYS,
    duplicateWindowMs: config.STREAM_DUPLICATE_WINDOW_MS,
  };
  const streams = new Set<ServiceName>(plans.map((p) => p.spec.producer));
  if (PRODUCERS.includes(def.name)) streams.add(def.name);
  for (const producer of streams) await ensureStream(bus.jsm, streamOf(bus.namespace, producer), options);
  for (const plan of plans) await ensureConsumer(bus.jsm, bus.namespace, plan.spec);
}

/** Runs one start-up step and logs how long it took, so a slow start says where it was slow. */
async function timed<T>(logger: Logger, step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  logger.info({ step, ms: Math.round(performance.now() - started) }, `start-up: ${step}`);
  return result;
}

/**
 * Starts one service: config, database (migrated, RLS-enforcing role), NATS streams and
 * consumers, outbox relay, timers, HTTP (fastify) and gRPC, each step's duration logged. Used by
 * main.ts and by tests.
 */
export async function startService(def: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<RunningService> {
  const started = performance.now();
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
  });
  await timed(logger, 'database connection', () => dataSource.initialize());
  const cleanups: Array<() => Promise<unknown>> = [() => dataSource.destroy()];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => logger.warn({ err: err.message }, 'shutdown step failed'));
  };
  try {
    await timed(logger, 'database checks (role, migrations)', async () => {
      await assertRowSecurityApplies(dataSource);
      await assertNoPendingMigrations(dataSource);
    });
    const plans = planConsumers(def.name, config.EVENT_NAMESPACE, def.handlers ?? []);
    const bus = await timed(logger, 'broker connection', () =>
      EventBus.connect(config.NATS_URL, `${def.name}@${hostname()}`, config.EVENT_NAMESPACE),
    );
    cleanups.push(() => bus.close());
    await timed(logger, 'streams and consumers', () => provisionStreams(def, plans, bus, config));
    const deadLetters = new DeadLetterBox(dataSource, bus, def.name, logger, metrics);

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
      deadLetters,
      consumerPlans: plans,
      verifier: createTokenVerifier({
        mode: config.AUTH_MODE,
        localSecret: config.AUTH_LOCAL_SECRET,
        jwksUrl: config.AUTH_JWKS_URL,
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
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

    const relay = new OutboxRelay(dataSource, bus, logger, metrics, { pollMs: config.OUTBOX_POLL_MS });
    relay.start();
    cleanups.push(() => relay.stop());

    for (const plan of plans) {
      const accepts = plan.types ? (type: string) => plan.types?.has(type) === true : undefined;
      const consumer = new InboxConsumer(bus, dataSource, plan.spec, planHandler(plan, context), logger, metrics, { accepts, deadLetters });
      consumer.start();
      cleanups.push(() => consumer.stop());
    }
    const drain = await timed(logger, 'dead-letter drain', () =>
      DeadLetterDrain.start(bus, dataSource, def.name, logger, {
        replicas: config.STREAM_REPLICAS,
        maxAgeDays: config.STREAM_MAX_AGE_DAYS,
        duplicateWindowMs: config.STREAM_DUPLICATE_WINDOW_MS,
      }),
    );
    cleanups.push(() => drain.stop());

    const timers = timerHandlers(def.timers ?? [], context);
    if (Object.keys(timers).length > 0) {
      const worker = new TimerWorker(dataSource, timers, logger, {
        workerId: `${def.name}@${hostname()}:${process.pid}`,
        pollMs: config.TIMER_POLL_MS,
      }, metrics);
      worker.start();
      cleanups.push(() => worker.stop());
    }

    const grpc = new GrpcServerHost(def.grpc?.(context) ?? [], async () => {
      const checks = await context.checks();
      return Object.values(checks).every((c) => c === 'ok');
    }, logger);
    const grpcPort = await timed(logger, 'gRPC server', () => grpc.start(config.HTTP_HOST, config.GRPC_PORT));
    cleanups.push(() => grpc.stop());

    const module: DynamicModule = {
      module: ServiceRootModule,
      controllers: [HealthController, ...(def.controllers ?? [])],
      providers: [
        { provide: SERVICE_CONTEXT, useValue: context },
        { provide: TenantDb, useValue: context.db },
        { provide: Outbox, useValue: context.outbox },
        { provide: TokenVerifier, useValue: context.verifier },
        { provide: APP_GUARD, useClass: AuthGuard },
        ...(def.providers?.(context) ?? []),
      ],
    };
    const adapter = new FastifyAdapter({ bodyLimit: 256 * 1024, trustProxy: true });
    const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
      logger: new NestPinoLogger(logger),
      bufferLogs: false,
    });
    app.useGlobalFilters(new ProblemFilter(logger));
    // Nest registers routes when the app initialises, so this hook sees every one of them.
    app.getHttpAdapter().getInstance().addHook('onRoute', (route: { method: string | string[]; url: string; bodyLimit?: number }) => {
      for (const method of ([] as string[]).concat(route.method)) {
        const limit = def.bodyLimits?.[`${method} ${route.url}`];
        if (limit) route.bodyLimit = limit;
      }
    });
    await app.register(rateLimit, {
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      allowList: (request) => UNLIMITED_PATHS.has(request.url.split('?')[0] ?? ''),
      errorResponseBuilder: (_request, context) =>
        Object.assign(new Error(`rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`), {
          statusCode: 429,
        }),
    });
    serveOpenApi(app, `hotline ${def.name}`, def.description);
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions?.url ?? 'unmatched';
      metrics.httpDuration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    await timed(logger, 'HTTP server', () => app.listen(config.HTTP_PORT, config.HTTP_HOST));
    logger.info({ ms: Math.round(performance.now() - started) }, 'start-up complete');
    cleanups.push(() => app.close());
    const address = app.getHttpServer().address();
    const httpPort = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
    const host = config.HTTP_HOST === '0.0.0.0' ? '127.0.0.1' : config.HTTP_HOST;
    return {
      context,
      app,
      httpUrl: `http://${host}:${httpPort}`,
      grpcAddress: `${host}:${grpcPort}`,
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** Entry point of `main.ts`: start, report where, stop cleanly on SIGTERM/SIGINT. */
export function runServiceMain(def: ServiceDefinition): void {
  startService(def).then(
    (running) => {
      running.context.logger.info({ http: running.httpUrl, grpc: running.grpcAddress }, `${def.name} ready`);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        running.context.logger.info({ signal }, `${def.name} stopping`);
        running.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    },
    (err: Error) => {
      const exitCode = err.name === 'ConfigError' ? 78 : 1;
      process.stderr.write(`${def.name}: failed to start: ${err.message}\n`);
      process.exit(exitCode);
    },
  );
}

/** Entry point of `migrate.ts`: applies pending migrations, prints them, exits. */
export function runMigrateMain(def: ServiceDefinition): void {
  const schema = z.object({ DATABASE_URL: baseConfigSchema.shape.DATABASE_URL });
  let url: string;
  try {
    url = parseConfig(schema, process.env, []).DATABASE_URL;
  } catch (err) {
    process.stderr.write(`${def.name} migrate: ${(err as Error).message}\n`);
    process.exit(78);
  }
  migrate({ url, entities: def.entities, migrations: def.migrations }).then(
      (applied) => {
        process.stdout.write(
          applied.length ? `${def.name}: applied ${applied.join(', ')}\n` : `${def.name}: schema up to date\n`,
        );
        process.exit(0);
      },
      (err: Error) => {
        process.stderr.write(`${def.name} migrate failed: ${err.message}\n`);
        process.exit(1);
      },
    );
}
