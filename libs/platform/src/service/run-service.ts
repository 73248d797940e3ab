import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { hostname } from 'node:os';
import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '../config/config';
import { GrpcServerHost } from '../grpc/grpc-server';
import { grpcServerCredentials } from '../grpc/grpc-tls';
import { DeadLetterDrain } from '../messaging/dead-letter-drain';
import { planHandler } from '../messaging/event-handlers';
import { InboxConsumer } from '../messaging/inbox-consumer';
import { OutboxRelay } from '../messaging/outbox-relay';
import { migrate } from '../persistence/data-source';
import { timerHandlers } from '../timers/timer-handlers';
import { TimerWorker } from '../timers/timers';
import { buildHttpApp } from './http-app';
import { openServiceContext, timed } from './open-service-context';
import { runOperatorCommand } from './operator-commands';
import type { ServiceContext } from './service-context';
import type { ServiceDefinition } from './service-definition';

export type { ServiceDefinition } from './service-definition';

export interface RunningService {
  context: ServiceContext;
  app: NestFastifyApplication;
  httpUrl: string;
  grpcAddress: string;
  close(): Promise<void>;
}

/**
 * Starts one service: its context (config, database, broker), then the outbox relay, the inbox
 * consumers and the dead-letter drain, the timers, its background workers (the notification
 * relay), gRPC and HTTP — each step's duration logged.
 * Used by main.ts and by tests.
 */
export async function startService(def: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<RunningService> {
  const started = performance.now();
  const opened = await openServiceContext(def, env);
  const { context } = opened;
  const { config, dataSource, bus, logger, metrics, deadLetters } = context;
  try {
    const relay = new OutboxRelay(dataSource, bus, logger, metrics, { pollMs: config.OUTBOX_POLL_MS });
    relay.start();
    opened.onClose('outbox relay', () => relay.stop());

    const consumers = context.consumerPlans.map((plan) => {
      const accepts = plan.types ? (type: string) => plan.types?.has(type) === true : undefined;
      const consumer = new InboxConsumer(bus, dataSource, plan.spec, planHandler(plan, context), logger, metrics, { accepts, deadLetters });
      consumer.start();
      return consumer;
    });
    // Independent of each other: stopped together, so one slow pull does not hold the others.
    opened.onClose('inbox consumers', () => Promise.all(consumers.map((c) => c.stop())));
    const streamOptions = { replicas: config.STREAM_REPLICAS, maxAgeDays: config.STREAM_MAX_AGE_DAYS, duplicateWindowMs: config.STREAM_DUPLICATE_WINDOW_MS };
    const drain = await timed(logger, 'dead-letter drain', () => DeadLetterDrain.start(bus, dataSource, def.name, logger, streamOptions));
    opened.onClose('dead-letter drain', () => drain.stop());

    const timers = timerHandlers(def.timers ?? [], context);
    if (Object.keys(timers).length > 0) {
      const worker = new TimerWorker(dataSource, timers, logger, { workerId: `${def.name}@${hostname()}:${process.pid}`, pollMs: config.TIMER_POLL_MS }, metrics);
      worker.start();
      opened.onClose('timer worker', () => worker.stop());
    }
    for (const worker of def.workers?.(context) ?? []) {
      worker.start();
      opened.onClose(worker.name, () => worker.stop());
    }

    // Callers are authorised against the tenant directory: known before the first call arrives.
    await timed(logger, 'tenant directory', () => context.tenants.load());

    // gRPC: every method authenticates (bearer token, or a client certificate under mutual TLS).
    const grpcCredentials = grpcServerCredentials(config, logger);
    const grpc = new GrpcServerHost(def.grpc?.(context) ?? [], async () => Object.values(await context.checks()).every((c) => c === 'ok'), logger);
    const grpcPort = await timed(logger, 'gRPC server', () => grpc.start(config.HTTP_HOST, config.GRPC_PORT, grpcCredentials));
    opened.onClose('gRPC server', () => grpc.stop());

    const app = await timed(logger, 'HTTP application', () => buildHttpApp(def, context));
    await timed(logger, 'HTTP server', () => app.listen(config.HTTP_PORT, config.HTTP_HOST));
    opened.onClose('HTTP application', () => app.close());
    logger.info({ ms: Math.round(performance.now() - started) }, 'start-up complete');
    const address = app.getHttpServer().address();
    const httpPort = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
    const host = config.HTTP_HOST === '0.0.0.0' ? '127.0.0.1' : config.HTTP_HOST;
    return { context, app, httpUrl: `http://${host}:${httpPort}`, grpcAddress: `${host}:${grpcPort}`, close: opened.close };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/**
 * Entry point of `main.ts`: start, report where, stop cleanly on SIGTERM/SIGINT. With a command
 * word (`main.js dead-letters …`) it runs that operator command instead and exits.
 */
export function runServiceMain(def: ServiceDefinition): void {
  const [command, ...args] = process.argv.slice(2);
  if (command) {
    runOperatorCommand(def, command, args, process.env).then(
      (result) => {
        (result.exitCode === 0 ? process.stdout : process.stderr).write(result.output);
        process.exit(result.exitCode);
      },
      (err: Error) => {
        process.stderr.write(`${def.name} ${command}: ${err.message}\n`);
        process.exit(err.name === 'ConfigError' ? 78 : 1);
      },
    );
    return;
  }
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
      process.stdout.write(applied.length ? `${def.name}: applied ${applied.join(', ')}\n` : `${def.name}: schema up to date\n`);
      process.exit(0);
    },
    (err: Error) => {
      process.stderr.write(`${def.name} migrate failed: ${err.message}\n`);
      process.exit(1);
    },
  );
}
