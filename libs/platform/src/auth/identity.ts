import { createRemoteJWKSet, jwtVerify, JWTPayload, SignJWT } from 'jose';
import { isRole, isTenantCode, Role } from '@hotline/vocabulary';

/** Who is calling: from the bearer token's `tenant`, `roles` and `unit` claims. */
export interface Identity {
  subject: string;
  tenantId: string;
  roles: Role[];
  unit?: string;
}

export class AuthenticationError extends Error {}

function identityFrom(payload: JWTPayload): Identity {
  const { sub, tenant, roles, unit } = payload as JWTPayload & { tenant?: unknown; roles?: unknown; unit?: unknown };
  if (!isTenantCode(tenant)) throw new AuthenticationError('token has no valid "tenant" claim');
  if (!Array.isArray(roles) || !roles.every(isRole))
    throw new AuthenticationError('token "roles" claim must list known roles');
  if (unit !== undefined && typeof unit !== 'string') throw new AuthenticationError('token "unit" claim must be a string');
  return { subject: sub ?? 'anonymous', tenantId: tenant, roles: roles as Role[], unit: unit as string | undefined };
}

export interface VerifierSettings {
  mode: 'local' | 'jwks';
  localSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
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
  const claims = { issuer: settings.issuer, audience: settings.audience };
  if (settings.mode === 'jwks') {
    if (!settings.jwksUrl) throw new Error('AUTH_JWKS_URL is required in jwks mode');
    const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
    return new FnVerifier(async (token) => {
      const { payload } = await jwtVerify(token, keys, claims).catch((err) => {
        throw new AuthenticationError(`invalid token: ${err.code ?? err.message}`);
      });
      return identityFrom(payload);
    });
  }
  const key = new TextEncoder().encode(settings.localSecret);
  return new FnVerifier(async (token) => {
    const { payload } = await jwtVerify(token, key, { ...claims, algorithms: ['HS256'] }).catch((err) => {
      throw new AuthenticationError(`invalid token: ${err.code ?? err.message}`);
    });
    return identityFrom(payload);
  });
}

/** Issues a local-mode token (demo users, tests, the local platform). */
export async function signLocalToken(
  secret: string,
  identity: Omit<Identity, 'subject'> & { subject?: string },
  options: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ tenant: identity.tenantId, roles: identity.roles, ...(identity.unit ? { unit: identity.unit } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject ?? `${identity.tenantId}:user`)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
