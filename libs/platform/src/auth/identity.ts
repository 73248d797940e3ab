import { createRemoteJWKSet, jwtVerify, JWTPayload, JWTVerifyOptions, SignJWT } from 'jose';
import { isRole, isTenantCode, Role } from '@hotline/vocabulary';

/** Who is calling: from the bearer token's `tenant`, `roles`, `unit` and `department` claims. */
export interface Identity {
  subject: string;
  tenantId: string;
  roles: Role[];
  unit?: string;
  /** The receiving department of a data recipient (数据共享): whose sharing agreement applies. */
  department?: string;
}

export class AuthenticationError extends Error {}

function identityFrom(payload: JWTPayload): Identity {
  const { sub, tenant, roles, unit, department } = payload as JWTPayload & { tenant?: unknown; roles?: unknown; unit?: unknown; department?: unknown };
  if (!isTenantCode(tenant)) throw new AuthenticationError('token has no valid "tenant" claim');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole))
    throw new AuthenticationError('token "roles" claim must list known roles');
  if (unit !== undefined && typeof unit !== 'string') throw new AuthenticationError('token "unit" claim must be a string');
  if (department !== undefined && typeof department !== 'string') throw new AuthenticationError('token "department" claim must be a string');
  return {
    subject: sub ?? 'anonymous',
    tenantId: tenant,
    roles: roles as Role[],
    unit: unit as string | undefined,
    ...(department === undefined ? {} : { department: department as string }),
  };
}

/** Seconds a token's times may be off the service's clock (iat ahead of now). */
const CLOCK_TOLERANCE_S = 60;
/** The default longest lifetime: one working shift and some (AUTH_MAX_TOKEN_LIFETIME_S). */
export const DEFAULT_MAX_TOKEN_LIFETIME_S = 12 * 3600;

/**
 * A token must expire (`exp`), and not later than the longest lifetime allows: counted from its
 * `iat` when it has one, else from now, so a token minted for a century is refused on sight.
 */
function checkLifetime(payload: JWTPayload, maxLifetimeS: number): void {
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number') throw new AuthenticationError('token has no "exp" (expiry) claim');
  if (payload.iat !== undefined && (typeof payload.iat !== 'number' || payload.iat > now + CLOCK_TOLERANCE_S))
    throw new AuthenticationError('token "iat" claim is in the future');
  const from = typeof payload.iat === 'number' ? payload.iat : now;
  if (payload.exp - from > maxLifetimeS) throw new AuthenticationError(`token lifetime exceeds ${maxLifetimeS} s`);
}

export interface VerifierSettings {
  mode: 'local' | 'jwks';
  localSecret?: string;
  jwksUrl?: string;
  /** Required in jwks mode: a token of another issuer or audience is refused. */
  issuer?: string;
  audience?: string;
  maxLifetimeS?: number;
}

/** Abstract class rather than interface so NestJS can inject it by this token. */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<Identity>;
}

class FnVerifier extends TokenVerifier {
  constructor(readonly verify: (token: string) => Promise<Identity>) {
    super();
  }
}

/** Local mode checks HS256 tokens signed with a configured key; production checks a JWKS. */
export function createTokenVerifier(settings: VerifierSettings): TokenVerifier {
  const maxLifetimeS = settings.maxLifetimeS ?? DEFAULT_MAX_TOKEN_LIFETIME_S;
  const options: JWTVerifyOptions = {
    issuer: settings.issuer,
    audience: settings.audience,
    requiredClaims: ['exp'],
    clockTolerance: CLOCK_TOLERANCE_S,
  };
  const check = async (run: () => Promise<{ payload: JWTPayload }>): Promise<Identity> => {
    const { payload } = await run().catch((err) => {
      // jose names the claim that failed (exp, iss, aud …): the caller learns what to fix.
      const claim = err.claim ? ` (${err.claim}: ${err.reason})` : '';
      throw new AuthenticationError(`invalid token: ${err.code ?? err.message}${claim}`);
    });
    checkLifetime(payload, maxLifetimeS);
    return identityFrom(payload);
  };
  if (settings.mode === 'jwks') {
    if (!settings.jwksUrl) throw new Error('AUTH_JWKS_URL is required in jwks mode');
    if (!settings.issuer || !settings.audience) throw new Error('AUTH_ISSUER and AUTH_AUDIENCE are required in jwks mode');
    const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
    return new FnVerifier((token) => check(() => jwtVerify(token, keys, { ...options, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] })));
  }
  const key = new TextEncoder().encode(settings.localSecret);
  return new FnVerifier((token) => check(() => jwtVerify(token, key, { ...options, algorithms: ['HS256'] })));
}

/** Issues a local-mode token (demo users, tests, the local platform). */
export async function signLocalToken(
  secret: string,
  identity: Omit<Identity, 'subject'> & { subject?: string },
  options: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({
    tenant: identity.tenantId,
    roles: identity.roles,
    ...(identity.unit ? { unit: identity.unit } : {}),
    ...(identity.department ? { department: identity.department } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject ?? `${identity.tenantId}:user`)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
