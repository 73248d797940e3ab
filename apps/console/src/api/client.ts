// One typed client per service, from the services' own OpenAPI documents (generated/, see
// scripts/openapi-client.mjs): request paths, parameters and bodies are checked against what the
// services accept. All of them live on the console's origin under /api/<service>/.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as AnalyticsPaths } from './generated/analytics';
import type { paths as DispatchPaths } from './generated/dispatch';
import type { paths as HandlingPaths } from './generated/handling';
import type { paths as IntakePaths } from './generated/intake';
import type { paths as RevisitPaths } from './generated/revisit';
import { Problem, toProblem } from './problem';

/** The session's bearer token, held in memory only (never in localStorage). */
let bearer: string | undefined;
export function setBearer(token: string | undefined): void {
  bearer = token;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (bearer) request.headers.set('authorization', `Bearer ${bearer}`);
    return request;
  },
};

function serviceClient<P extends object>(service: string) {
  const client = createClient<P>({ baseUrl: `${window.location.origin}/api/${service}` });
  client.use(auth);
  return client;
}

export const api = {
  intake: serviceClient<IntakePaths>('intake'),
  dispatch: serviceClient<DispatchPaths>('dispatch'),
  handling: serviceClient<HandlingPaths>('handling'),
  revisit: serviceClient<RevisitPaths>('revisit'),
  analytics: serviceClient<AnalyticsPaths>('analytics'),
};

/**
 * The body of a successful answer as the view the console reads (the services do not declare
 * response schemas yet, so views.ts names the fields the pages use); a problem answer throws.
 */
export async function unwrap<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch {
    throw new Problem({ status: 0, code: 'network', title: 'Network error' });
  }
  if (!result.response.ok) throw toProblem(result.response.status, result.error);
  return result.data as T;
}
