import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import rateLimit from '@fastify/rate-limit';
import { TokenVerifier } from '../auth/identity';
import { AuthGuard } from '../http/auth';
import { IdempotencyInterceptor } from '../http/idempotency';
import { serveOpenApi } from '../http/openapi';
import { ProblemFilter } from '../http/problem';
import { DeadLettersController } from '../messaging/dead-letters.controller';
import { Outbox } from '../messaging/outbox';
import { NestPinoLogger } from '../observability/logger';
import { TenantDirectory } from '../tenancy/tenant-directory';
import { HealthController } from './health.controller';
import type { ServiceDefinition } from './service-definition';
import { SERVICE_CONTEXT, ServiceContext } from './service-context';
import { TenantDb } from './tenant-db';

@Module({})
class ServiceRootModule {}

const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/docs', '/docs/openapi.json']);

/**
 * The service's HTTP side on fastify: its controllers and the platform's (health, metrics,
 * dead letters), bearer-token authentication on every route not marked public, problem+json
 * errors, Idempotency-Key on changing calls, per-route body limits, the rate limit, OpenAPI at
 * /docs and request metrics.
 */
export async function buildHttpApp(def: ServiceDefinition, context: ServiceContext): Promise<NestFastifyApplication> {
  const module: DynamicModule = {
    module: ServiceRootModule,
    controllers: [HealthController, DeadLettersController, ...(def.controllers ?? [])],
    providers: [
      { provide: SERVICE_CONTEXT, useValue: context },
      { provide: TenantDb, useValue: context.db },
      { provide: Outbox, useValue: context.outbox },
      { provide: TokenVerifier, useValue: context.verifier },
      { provide: TenantDirectory, useValue: context.tenants },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ...(def.providers?.(context) ?? []),
    ],
  };
  const adapter = new FastifyAdapter({ bodyLimit: 256 * 1024, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new NestPinoLogger(context.logger),
    bufferLogs: false,
  });
  app.useGlobalFilters(new ProblemFilter(context.logger));
  const fastify = app.getHttpAdapter().getInstance();
  // Nest registers routes when the app initialises, so this hook sees every one of them.
  fastify.addHook('onRoute', (route: { method: string | string[]; url: string; bodyLimit?: number }) => {
    for (const method of ([] as string[]).concat(route.method)) {
      const limit = def.bodyLimits?.[`${method} ${route.url}`];
      if (limit) route.bodyLimit = limit;
    }
  });
  await app.register(rateLimit, {
    max: context.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (request) => UNLIMITED_PATHS.has(request.url.split('?')[0] ?? ''),
    errorResponseBuilder: (_request, limit) =>
      Object.assign(new Error(`rate limit of ${limit.max} requests per minute exceeded; retry in ${limit.after}`), { statusCode: 429 }),
  });
  serveOpenApi(app, `hotline ${def.name}`, def.description);
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    context.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  return app;
}
