import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { ProblemError } from './problem';

/** The fastify route-config key of a route that takes its body as raw bytes. */
const RAW_BODY = 'hotlineRawBody';

/**
 * A route whose body is an uploaded file (ADR 0028): the handler gets its bytes as they came (a
 * Buffer), whatever Content-Type the client declared — the route itself checks that type against
 * the bytes. The route's own body limit applies (ServiceDefinition.bodyLimits), so a service can
 * take files larger than the 256 KiB every JSON route keeps.
 */
export const RawBody = () => RouteConfig({ [RAW_BODY]: true });

export function takesRawBody(request: FastifyRequest): boolean {
  return (request.routeOptions?.config as unknown as Record<string, unknown> | undefined)?.[RAW_BODY] === true;
}

/** 413 naming the body, with the limit that applied. */
export function bodyTooLarge(limit: number): ProblemError {
  const message = `must be at most ${limit} bytes`;
  return new ProblemError(413, 'payload_too_large', 'Payload too large', `the body ${message}`, [{ field: '(body)', message }]);
}

const unsupported = () =>
  new ProblemError(415, 'unsupported_media_type', 'Unsupported media type', 'this endpoint takes application/json');

/**
 * Reads the body up to the route's limit: refused before reading when Content-Length says more,
 * and as soon as more arrives otherwise (a client may lie or stream without a length).
 */
function readRaw(request: FastifyRequest, payload: IncomingMessage): Promise<Buffer> {
  const limit = request.routeOptions?.bodyLimit ?? 0;
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(bodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = () => {
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        cleanup();
        payload.resume(); // drain what is still coming; the connection closes after the answer
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      if (Number.isFinite(declared) && declared !== received)
        reject(new ProblemError(400, 'malformed_request', 'Malformed request', 'the body is not as long as its Content-Length'));
      else resolve(Buffer.concat(chunks, received));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(Object.assign(err, { statusCode: 400 }));
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
}

/**
 * The parsers beside the strict JSON one: a raw-body route takes text/plain and any other type
 * (none declared too) as bytes; every other route keeps what it had — text/plain as a string
 * (its JSON schema then refuses it, naming the body) and any other type refused with 415; a path
 * with no route stays a 404.
 */
export function installRawBodyParsers(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('text/plain', (request: FastifyRequest, payload: IncomingMessage) =>
    readRaw(request, payload).then((bytes) => (takesRawBody(request) ? bytes : bytes.toString('utf8'))),
  );
  fastify.addContentTypeParser('*', async (request: FastifyRequest, payload: IncomingMessage) => {
    if (takesRawBody(request)) return readRaw(request, payload);
    // No route here: the 404 is the answer, whatever was sent (as without this parser).
    if (request.is404) return undefined;
    throw unsupported();
  });
}
