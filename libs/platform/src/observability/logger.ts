import { trace } from '@opentelemetry/api';
import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';

export type { Logger } from 'pino';

/** Keys whose values are requester PII or secrets; pino replaces them wherever they appear. */
export const REDACTED_KEYS = ['name', 'phone', 'idNumber', 'address', 'authorization', 'token', 'password'];

/** JSON logs carrying the active trace and span ids; PII keys are redacted at any depth up to 3. */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);
  return pino({
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths, censor: '[redacted]' },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
  }, destination);
}

/** Routes Nest's own logging into pino. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
