import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Identity } from '../auth/identity';
import type { BaseConfig } from '../config/config';
import type { ServiceContext } from '../service/service-context';
import { authenticate, authorize } from './auth';
import { assertCleanInput, parseJsonBody, parseStrictQuery } from './edge-input';
import { ProblemError, toProblem } from './problem';
import { limitHeaders, rateLimited, SharedRateLimiter } from './rate-limits';
import { installRawBodyParsers, takesRawBody } from './raw-body';
import { RouteAccess, routeKey } from './route-access';

/** Paths a probe, a scraper or a reader of the docs may call as often as it likes. */
const UNLIMITED_PATHS = /^\/(healthz|readyz|metrics|docs)(\/|$)/;
const DOCS = /^\/docs(\/|$)/;

/**
 * The swagger UI is the only HTML the services serve: its own script and styles from /docs,
 * nothing inline except the style attributes the UI sets, nothing from elsewhere.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * What fastify itself must know before any hook runs: whose X-Forwarded-For is believed (only
 * the configured proxies', none by default), a query parser that does not turn bad
 * percent-encoding into U+FFFD, and problem answers for a URL it cannot route (bad
 * percent-encoding in the path, a parameter too long) or for one refused before it is parsed
 * (headers too large, a malformed request line).
 */
export function edgeServerOptions(config: Pick<BaseConfig, 'TRUSTED_PROXIES'>) {
  return {
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    // fastify 5 takes the parser among the router's options (the top-level key is deprecated).
    routerOptions: { querystringParser: parseStrictQuery },
    clientErrorHandler: answerClientError,
    frameworkErrors: (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) => {
      const problem =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new ProblemError(414, 'uri_too_long', 'URI too long', 'a path parameter is longer than any identifier')
          : ProblemError.validation([{ field: 'path', message: 'must be percent-encoded UTF-8' }]);
      void reply
        .code(problem.status)
        .header('content-type', 'application/problem+json')
        .header('cache-control', 'no-store')
        .send(toProblem(problem, request.url));
    },
  };
}

/**
 * A request Node's parser refused (headers over 16 KiB, a malformed request line, a timeout)
 * gets the same problem shape as any other refusal, written on the socket since there is no
 * request object; the connection is then closed, as Node does.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new ProblemError(431, 'headers_too_large', 'Request headers too large', 'the request line and headers together must stay under 16 KiB')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ProblemError(408, 'request_timeout', 'Request timeout', 'the request did not arrive in time')
        : new ProblemError(400, 'malformed_request', 'Malformed request', 'the request is not well-formed HTTP/1.1');
  const body = JSON.stringify(toProblem(problem));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: application/problem+json\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}

/**
 * The service's HTTP edge, in the order a request meets it: for a public route, the per-address
 * and per-hotline limits; for any other, authentication (a failure counts per address), the role
 * check and the per-tenant limit — all before the body is read; the strict JSON parser (UTF-8, not empty, not poisoned); the refusal of
 * control characters and lone surrogates anywhere in body, query or path; and on the way out
 * the security headers, `Cache-Control: no-store` on every API answer, and CORS for the
 * configured origins only.
 */
export async function installHttpEdge(app: NestFastifyApplication, context: ServiceContext, routes: Map<string, RouteAccess>): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const config = context.config;
  // Headers first: a refusal by a later hook still carries them (and CORS, so a browser can read it).
  await app.register(helmet as never, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // The API is called across origins by the console (CORS); its answers are not embedded.
    crossOriginResourcePolicy: { policy: 'same-site' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  if (config.CORS_ORIGINS.length > 0)
    app.enableCors({
      origin: config.CORS_ORIGINS,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
      exposedHeaders: ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
      credentials: false,
      maxAge: 600,
    });

  const limiter = new SharedRateLimiter(context.dataSource, context.logger);
  const limit = async (reply: FastifyReply, key: string, max: number, what: string) => {
    const verdict = await limiter.hit(key, max);
    void reply.headers(limitHeaders(verdict));
    if (!verdict.allowed) throw rateLimited(what, verdict);
  };

  // Public and unauthenticated calls count per client address; a tenant's authenticated staff
  // (a whole call centre behind one NAT address) count per tenant instead.
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    if (UNLIMITED_PATHS.test(path)) return;
    const route = request.routeOptions?.url;
    const access = route ? routes.get(routeKey(request.method, route)) : undefined;
    const perAddress = () => limit(reply, `address:${request.ip}`, config.RATE_LIMIT_PER_MINUTE, 'per client address');
    if (!access || access.public) {
      await perAddress();
      const tenant = (request.params as Record<string, unknown> | undefined)?.['tenant'];
      if (access && typeof tenant === 'string') await limit(reply, `tenant:${tenant}`, config.TENANT_RATE_LIMIT_PER_MINUTE, 'for this hotline');
      return;
    }
    let identity: Identity;
    try {
      identity = await authenticate(request.headers.authorization, context.verifier, context.tenants);
    } catch (err) {
      await perAddress(); // guessing tokens is limited like any anonymous call
      throw err;
    }
    authorize(identity, access.roles);
    (request as FastifyRequest & { identity?: Identity }).identity = identity;
    await limit(reply, `tenant:${identity.tenantId}`, config.TENANT_RATE_LIMIT_PER_MINUTE, 'for this hotline');
  });

  fastify.removeContentTypeParser('application/json');
  const defaultJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    // An upload route takes the bytes of a file declared JSON too (and then refuses its type).
    if (takesRawBody(request)) return done(null, raw);
    try {
      done(null, parseJsonBody(raw as Buffer, (text) => {
        let parsed: unknown;
        let failure: Error | null = null;
        defaultJson(request, text, (err, value) => {
          failure = err;
          parsed = value;
        });
        if (failure) throw failure;
        return parsed;
      }));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  installRawBodyParsers(fastify);

  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    // An uploaded file's bytes are not text: its own route checks them (a text file, as UTF-8).
    const body = Buffer.isBuffer(request.body) ? undefined : request.body;
    assertCleanInput({ body, query: request.query, params: request.params });
  });

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    // Answers carry personal data and tenant data: no shared or browser cache keeps them.
    if (!DOCS.test(request.url) && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
}
