import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenVerifier } from '../auth/identity';
import { AuthGuard } from '../http/auth';
import { edgeServerOptions, installHttpEdge } from '../http/edge';
import { IdempotencyInterceptor } from '../http/idempotency';
import { serveOpenApi } from '../http/openapi';
import { ProblemFilter } from '../http/problem';
import { routeAccessOf } from '../http/route-access';
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

/**
 * The service's HTTP side on fastify: its controllers and the platform's (health, metrics,
 * dead letters), the edge (limits, authentication before the body is read, strict input,
 * security headers, CORS: http/edge.ts), problem+json errors, Idempotency-Key on changing
 * calls, per-route body limits, OpenAPI at /docs and request metrics.
 */
export async function buildHttpApp(def: ServiceDefinition, context: ServiceContext): Promise<NestFastifyApplication> {
  const controllers = [HealthController, DeadLettersController, ...(def.controllers ?? [])];
  const routes = routeAccessOf(controllers);
  const module: DynamicModule = {
    module: ServiceRootModule,
    controllers,
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
  const adapter = new FastifyAdapter({ bodyLimit: 256 * 1024, ...edgeServerOptions(context.config) });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new NestPinoLogger(context.logger),
    bufferLogs: false,
    // The edge parses JSON itself (strict UTF-8, nothing empty): Nest's parsers would replace it.
    bodyParser: false,
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
  await installHttpEdge(app, context, routes);
  serveOpenApi(app, `hotline ${def.name}`, def.description, routes);
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    context.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  return app;
}
