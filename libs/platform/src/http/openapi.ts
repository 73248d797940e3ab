import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ApiBody, ApiQuery, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { RouteAccess, routeKey } from './route-access';

/** OpenAPI schema of a zod schema, so the validator and the docs cannot disagree. */
export function openApiSchema(schema: z.ZodTypeAny): SchemaObject {
  const { $schema: _ignored, ...json } = zodToJsonSchema(schema, { target: 'openApi3', $refStrategy: 'none' }) as Record<
    string,
    unknown
  >;
  return json as SchemaObject;
}

/** Documents a request body by the zod schema that validates it. */
export const ApiZodBody = (schema: z.ZodTypeAny) => ApiBody({ schema: openApiSchema(schema) });

/** Documents each query parameter of a zod object schema. */
export function ApiZodQuery(schema: z.AnyZodObject): MethodDecorator {
  const decorators = Object.entries(schema.shape).map(([name, field]) =>
    ApiQuery({ name, required: !(field as z.ZodTypeAny).isOptional(), schema: openApiSchema(field as z.ZodTypeAny) }),
  );
  return (target, key, descriptor) => {
    for (const d of decorators) d(target, key, descriptor);
  };
}

const UI_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'];
/** The UI's start, as a file: the Content-Security-Policy allows no inline script. */
const UI_INIT = "SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#ui' });\n";

type Operation = { security?: unknown; 'x-roles'?: readonly string[]; 'x-public'?: boolean };

/**
 * States on each operation who may call it, from the decorators the edge enforces: public
 * operations need no bearer token, the others list their roles under `x-roles`.
 */
function annotateAccess(document: { paths: Record<string, Record<string, Operation>> }, routes: Map<string, RouteAccess>): void {
  for (const [path, operations] of Object.entries(document.paths)) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, operation] of Object.entries(operations)) {
      const access = routes.get(routeKey(method.toUpperCase(), url));
      if (!access) continue;
      if (access.public) {
        operation.security = [];
        operation['x-public'] = true;
      } else {
        operation.security = [{ bearer: [] }];
        operation['x-roles'] = access.roles ?? [];
      }
    }
  }
}

/**
 * Serves the OpenAPI document generated from the controllers at /docs/openapi.json and a
 * Swagger UI at /docs (assets from swagger-ui-dist, no CDN).
 */
export function serveOpenApi(app: INestApplication, title: string, description: string, routes: Map<string, RouteAccess>): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(title).setDescription(description).setVersion('v1').addBearerAuth({ type: 'http', scheme: 'bearer' }, 'bearer').build(),
  );
  annotateAccess(document as unknown as { paths: Record<string, Record<string, Operation>> }, routes);
  const uiDir = (require('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.get('/docs/openapi.json', async () => document);
  fastify.get('/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-init.js"></script></body></html>`),
  );
  fastify.get('/docs/swagger-init.js', async (_request, reply) => reply.type('application/javascript').send(UI_INIT));
  for (const file of UI_FILES) {
    const body = readFileSync(join(uiDir, file));
    fastify.get(`/docs/${file}`, async (_request, reply) =>
      reply.type(file.endsWith('.css') ? 'text/css' : 'application/javascript').send(body),
    );
  }
}
