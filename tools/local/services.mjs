// The services and their local ports, for the start script and the walkthrough. The names come
// from the built vocabulary (libs/vocabulary SERVICE_NAMES; `npm start` builds first).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const SERVICES = require('../../dist/libs/vocabulary/src/services.js').SERVICE_NAMES;

// gRPC below Linux's ephemeral range (32768–60999): a port there can be the local end of an
// outgoing connection (to PostgreSQL, NATS) at the moment a service binds it, and the service
// then fails with EADDRINUSE (seen on a loaded machine with the earlier default 50050).
export function localPorts(index, env = process.env) {
  const http = Number(env.HOTLINE_HTTP_PORT_BASE ?? 3000) + index + 1;
  const grpc = Number(env.HOTLINE_GRPC_PORT_BASE ?? 4050) + index + 1;
  return { http, grpc };
}
