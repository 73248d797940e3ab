// Production sign-in: OpenID Connect authorization code with PKCE (RFC 7636) against the
// province's identity provider; the services keep verifying the access token by JWKS. Only the
// one-time verifier and state wait in sessionStorage across the redirect; the token stays in memory.
const PENDING = 'hotline.oidc.pending';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function pkceChallenge(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`OIDC discovery failed (${res.status})`);
  return (await res.json()) as Discovery;
}

const redirectUri = () => `${window.location.origin}/`;

/** Sends the browser to the identity provider. */
export async function beginOidcSignIn(issuer: string, clientId: string, scope = 'openid'): Promise<void> {
  const { authorization_endpoint } = await discover(issuer);
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri(),
    scope,
    state,
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** On the way back (?code=&state=): the access token, or undefined when this is no callback. */
export async function completeOidcSignIn(issuer: string, clientId: string): Promise<string | undefined> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const pending = sessionStorage.getItem(PENDING);
  if (!code || !pending) return undefined;
  sessionStorage.removeItem(PENDING);
  const { verifier, state } = JSON.parse(pending) as { verifier: string; state: string };
  if (params.get('state') !== state) throw new Error('OIDC state mismatch');
  const { token_endpoint } = await discover(issuer);
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: clientId, code_verifier: verifier }),
  });
  if (!res.ok) throw new Error(`OIDC token exchange failed (${res.status})`);
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  return ((await res.json()) as { access_token: string }).access_token;
}
