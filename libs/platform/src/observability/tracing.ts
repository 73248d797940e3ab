import type { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise loads nothing, so
 * tracing costs nothing when it is not configured. Must run before any instrumented module
 * (http, fastify, grpc, pg) is required: see register-tracing.ts.
 */
export function startTracing(serviceName: string): boolean {
  if (sdk || !process.env['OTEL_EXPORTER_OTLP_ENDPOINT']) return false;
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { getNodeAutoInstrumentations } =
    require('@opentelemetry/auto-instrumentations-node') as typeof import('@opentelemetry/auto-instrumentations-node');
  const only = ['http', 'fastify', 'grpc', 'pg', 'nestjs-core', 'pino'];
  const all = getNodeAutoInstrumentations();
  sdk = new NodeSDK({
    serviceName,
    instrumentations: all.filter((i) => only.some((name) => i.instrumentationName.endsWith(`instrumentation-${name}`))),
  });
  sdk.start();
  process.once('beforeExit', () => void sdk?.shutdown());
  return true;
}
