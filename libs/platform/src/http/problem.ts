import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { z, ZodError } from 'zod';
import { isTransientError } from '../persistence/transient-errors';

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem with a stable machine-readable `code`. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }

  static validation(errors: FieldError[]): ProblemError {
    const fields = errors.map((e) => e.field).join(', ');
    return new ProblemError(400, 'validation_failed', 'Invalid request', `invalid field(s): ${fields}`, errors);
  }
  static notFound(what: string): ProblemError {
    return new ProblemError(404, 'not_found', 'Not found', `${what} not found`);
  }
  static conflict(detail: string): ProblemError {
    return new ProblemError(409, 'conflict', 'Conflict', detail);
  }
  static unauthenticated(detail: string): ProblemError {
    return new ProblemError(401, 'unauthenticated', 'Authentication required', detail);
  }
  static forbidden(detail: string): ProblemError {
    return new ProblemError(403, 'forbidden', 'Forbidden', detail);
  }
}

export function fieldErrors(error: ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path].filter((p) => p !== '').join('.') || prefix || '(body)',
    message: issue.message,
  }));
}

/**
 * Parses untrusted input or throws a 400 problem naming every bad field. No body at all reads
 * as `{}` (an action with nothing to say); a body of `null` is refused like any other wrong type.
 */
export function validate<S extends z.ZodTypeAny>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(input === undefined ? {} : input);
  if (!result.success) throw ProblemError.validation(fieldErrors(result.error, prefix));
  return result.data;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** PostgreSQL unique_violation: a concurrent duplicate that slipped past an existence check. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  return e?.code === '23505' || e?.driverError?.code === '23505';
}

/** Seconds a client should wait before retrying a call that met an outage (503). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Maps any thrown value to a problem body: problems as they are, a database or broker outage to
 * an honest 503 (retry later; with an Idempotency-Key the retry is safe), unknown errors to an
 * opaque 500.
 */
export function toProblem(error: unknown, instance?: string): ProblemBody {
  if (error instanceof ProblemError)
    return {
      type: `https://hotline.dev/problems/${error.code}`,
      title: error.title,
      status: error.status,
      code: error.code,
      detail: error.detail,
      instance,
      errors: error.errors,
    };
  if (error instanceof ZodError) return toProblem(ProblemError.validation(fieldErrors(error)), instance);
  if (isUniqueViolation(error)) return toProblem(ProblemError.conflict('a record with the same key already exists'), instance);
  if (isTransientError(error))
    return toProblem(
      new ProblemError(503, 'unavailable', 'Service unavailable', 'a part of the platform is unavailable for the moment; retry shortly'),
      instance,
    );
  const status =
    error instanceof HttpException
      ? error.getStatus()
      : typeof (error as { statusCode?: unknown })?.statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
  if (status >= 500) return { type: 'about:blank', title: 'Internal error', status: 500, code: 'internal', instance };
  const code = STATUS_CODES[status] ?? 'client_error';
  const detail = error instanceof Error ? error.message : undefined;
  return { type: `https://hotline.dev/problems/${code}`, title: code.replace(/_/g, ' '), status, code, detail, instance };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<{ url?: string; method?: string; routeOptions?: { url?: string } }>();
    const problem = toProblem(error, request.url);
    // The route's pattern, not the URL: a query string or a path can carry a phone number or an access code.
    const where = { method: request.method, route: request.routeOptions?.url ?? 'unmatched' };
    if (problem.status === 503) {
      this.logger.warn({ ...where, err: error }, 'infrastructure unavailable');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500) this.logger.error({ ...where, err: error }, 'unhandled error');
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }
}
