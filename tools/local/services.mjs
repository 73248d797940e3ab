// The five services and their local ports: one table for the start script, its test and docs.
export const SERVICES = ['intake', 'dispatch', 'handling', 'revisit', 'analytics'];

export function localPorts(index, env = process.env) {
  const http = Number(env.HOTLINE_HTTP_PORT_BASE ?? 3000) + index + 1;
  const grpc = Number(env.HOTLINE_GRPC_PORT_BASE ?? 50050) + index + 1;
  return { http, grpc };
}
