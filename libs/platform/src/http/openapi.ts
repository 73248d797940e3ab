import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ApiBody, ApiQuery, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

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

/**
 * Serves the OpenAPI document generated from the controllers at /docs/openapi.json and a
 * Swagger UI at /docs (assets from swagger-ui-dist, no CDN).
 */
export function serveOpenApi(app: INestApplication, title: string, description: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(title).setDescription(description).setVersion('v1').addBearerAuth().build(),
  );
  const uiDir = (require('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.get('/docs/openapi.json', async () => document);
  fastify.get('/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#ui' });</script></body></html>`),
  );
  for (const file of UI_FILES) {
    const body = readFileSync(join(uiDir, file));
    fastify.get(`/docs/${file}`, async (_request, reply) =>
      reply.type(file.endsWith('.css') ? 'text/css' : 'application/javascript').send(body),
    );
  }
}
