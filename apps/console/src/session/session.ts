// Who is signed in: the bearer token lives in this module's memory only (a reload signs out),
// never in localStorage. Roles, tenant and unit are read from the token's claims, the same ones
// the services verify.
import type { Role } from '@hotline/vocabulary';
import { setBearer } from '../api/client';

export interface Session {
  token: string;
  subject: string;
  tenant: string;
  roles: Role[];
  unit?: string;
}

function base64UrlJson(part: string): Record<string, unknown> {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** The session a token opens (its claims are only read here; the services verify them). */
export function sessionOf(token: string): Session {
  const claims = base64UrlJson(token.split('.')[1] ?? '');
  setBearer(token);
  return {
    token,
    subject: String(claims['sub'] ?? ''),
    tenant: String(claims['tenant'] ?? ''),
    roles: (Array.isArray(claims['roles']) ? claims['roles'] : []) as Role[],
    ...(typeof claims['unit'] === 'string' ? { unit: claims['unit'] } : {}),
  };
}

export function endSession(): void {
  setBearer(undefined);
}

/** How this deployment signs users in (config.json beside index.html). */
export type AuthConfig = { mode: 'local' } | { mode: 'oidc'; issuer: string; clientId: string; scope?: string };

export async function loadAuthConfig(): Promise<AuthConfig> {
  const res = await fetch('/config.json');
  if (!res.ok) return { mode: 'local' };
  const body = (await res.json()) as { auth?: AuthConfig };
  return body.auth ?? { mode: 'local' };
}

/** A demo user the local start command minted a token for. */
export interface DemoUser {
  tenant: string;
  key: string;
  role: Role;
  unit?: string;
}

export async function demoUsers(): Promise<DemoUser[]> {
  const res = await fetch('/local/demo-users');
  return res.ok ? ((await res.json()) as { items: DemoUser[] }).items : [];
}

export async function signInAsDemo(user: DemoUser): Promise<Session> {
  const res = await fetch('/local/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: user.tenant, key: user.key }),
  });
  if (!res.ok) throw new Error(`sign-in failed (${res.status})`);
  return sessionOf(((await res.json()) as { token: string }).token);
}
