import { trace } from '@opentelemetry/api';
import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { maskPersonalData } from '@hotline/privacy';

export type { Logger } from 'pino';

/** Keys whose values are requester PII or secrets; pino replaces them wherever they appear. */
export const REDACTED_KEYS = ['name', 'phone', 'idNumber', 'address', 'authorization', 'token', 'password'];

/**
 * Error text fit for a log: PostgreSQL quotes the offending value in its messages (`invalid
 * input syntax for type uuid: "13812345678"`) and details (`Key (phone)=(…)`), so quoted and
 * parenthesised values go, personal data that is left is masked, and the text is cut short.
 */
export function safeErrorText(text: string): string {
  return maskPersonalData(text)
    .replace(/"[^"]*"/g, '"…"')
    .replace(/=\([^)]*\)/g, '=(…)')
    .slice(0, 2000);
}

/**
 * An error as logs carry it: its class, code and the safe text of its message and stack. Never
 * the driver's `parameters`, `query`, `detail` or `where`, nor a request or body it holds.
 */
export function serializeError(err: unknown): Record<string, unknown> | string {
  if (typeof err === 'string') return safeErrorText(err);
  if (!(err instanceof Error)) return safeErrorText(String(err));
  const e = err as Error & { code?: unknown; driverError?: { code?: unknown } };
  const code = e.code ?? e.driverError?.code;
  return {
    type: e.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: safeErrorText(e.message),
    ...(e.stack ? { stack: safeErrorText(e.stack) } : {}),
  };
}

/** JSON logs carrying the active trace and span ids; PII keys are redacted at any depth up to 3. */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);
  return pino({
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths, censor: '[redacted]' },
    // `err` wherever it is logged, as an Error or as its message: without values or parameters.
    serializers: { err: serializeError },
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
    this.logger.error({ context, trace: trace === undefined ? undefined : safeErrorText(trace) }, safeErrorText(String(message)));
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
