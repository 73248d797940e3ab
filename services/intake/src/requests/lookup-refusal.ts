import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ProblemBody } from '@hotline/platform';

const NOT_FOUND: ProblemBody = {
  type: 'https://hotline.dev/problems/not_found',
  title: 'Not found',
  status: 404,
  code: 'not_found',
  detail: 'request not found',
};
const LOCKED: ProblemBody = {
  type: 'https://hotline.dev/problems/lookup_locked',
  title: 'Too many wrong access codes',
  status: 429,
  code: 'lookup_locked',
  detail: 'too many wrong access codes for this number; retry after Retry-After seconds',
};

/**
 * A public lookup with nothing to show: unknown hotline, malformed or unknown number, wrong code
 * (one 404), or a number locked by wrong codes (one 429). Each is one fixed answer, the same
 * bytes whatever the number, so that none tells a known number from an unknown one.
 */
export class LookupRefused extends Error {
  private constructor(
    readonly problem: ProblemBody,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail);
  }

  static notFound(): LookupRefused {
    return new LookupRefused(NOT_FOUND);
  }

  static locked(retryAfterSeconds: number): LookupRefused {
    return new LookupRefused(LOCKED, retryAfterSeconds);
  }
}

/** Answers a LookupRefused with its fixed problem: without the `instance` the platform's filter adds, which echoes the number. */
@Catch(LookupRefused)
export class LookupRefusalFilter implements ExceptionFilter {
  catch(refusal: LookupRefused, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (refusal.retryAfterSeconds !== undefined) void reply.header('retry-after', String(refusal.retryAfterSeconds));
    void reply.status(refusal.problem.status).header('content-type', 'application/problem+json').send(refusal.problem);
  }
}
