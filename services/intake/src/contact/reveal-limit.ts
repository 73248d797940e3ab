import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProblemError, toProblem } from '@hotline/platform';

/** A unit user's reveals of the day are used up: 429, with Retry-After until the tenant's next local day. */
export class RevealLimitReached extends ProblemError {
  constructor(
    limit: number,
    readonly resetsAt: Date,
  ) {
    super(
      429,
      'reveal_limit_reached',
      'Daily reveals used up',
      `the limit of ${limit} phone reveals per user and day is reached; it starts again at ${resetsAt.toISOString()}, and the platform can call the requester meanwhile (call-reference)`,
    );
  }
}

@Catch(RevealLimitReached)
export class RevealLimitFilter implements ExceptionFilter {
  catch(refusal: RevealLimitReached, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const seconds = Math.max(1, Math.ceil((refusal.resetsAt.getTime() - Date.now()) / 1000));
    void reply
      .status(429)
      .header('retry-after', String(seconds))
      .header('content-type', 'application/problem+json')
      .send(toProblem(refusal, http.getRequest<{ url?: string }>().url));
  }
}
