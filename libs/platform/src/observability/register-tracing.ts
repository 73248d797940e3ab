// Imported first by every service entry point (before NestJS, pg or grpc load) so the
// OpenTelemetry instrumentations can patch those modules.
import { startTracing } from './tracing';

startTracing(process.env['OTEL_SERVICE_NAME'] ?? process.env['SERVICE_NAME'] ?? 'hotline');
