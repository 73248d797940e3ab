// The services and their local ports, for the start script and the walkthrough. The names come
// from the built vocabulary (libs/vocabulary SERVICE_NAMES; `npm start` builds first).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const SERVICES = require('../../dist/libs/vocabulary/src/services.js').SERVICE_NAMES;

export function localPorts(index, env = process.env) {
  const http = Number(env.HOTLINE_HTTP_PORT_BASE ?? 3000) + index + 1;
  const grpc = Number(env.HOTLINE_GRPC_PORT_BASE ?? 50050) + index + 1;
  return { http, grpc };
}
