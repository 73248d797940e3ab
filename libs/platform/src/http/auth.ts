import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@hotline/vocabulary';
import { AuthenticationError, Identity, TokenVerifier } from '../auth/identity';
import { TenantDirectory } from '../tenancy/tenant-directory';
import { ProblemError } from './problem';
import { PUBLIC_KEY, ROLES_KEY } from './route-access';

/** Endpoint open to callers holding any of these roles (and only those). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Endpoint without authentication (health, metrics, public progress lookup). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The verified caller of an authenticated endpoint. */
export const CurrentIdentity = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Identity => ctx.switchToHttp().getRequest().identity,
);

/**
 * The caller of a bearer token: verified, and of an active tenant of the directory. Runs when a
 * request arrives (the edge hook, before the body is read) and in the guard.
 */
export async function authenticate(authorization: string | undefined, verifier: TokenVerifier, tenants: TenantDirectory): Promise<Identity> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
  if (!token) throw ProblemError.unauthenticated('missing bearer token');
  let identity: Identity;
  try {
    identity = await verifier.verify(token);
  } catch (err) {
    if (err instanceof AuthenticationError) throw ProblemError.unauthenticated(err.message);
    throw err;
  }
  if (!(await tenants.isActive(identity.tenantId)))
    throw ProblemError.unauthenticated(`tenant "${identity.tenantId}" is unknown or suspended`);
  return identity;
}

/** Whether an identity holds one of the roles an endpoint declares (none declared: refused, failing closed). */
export function authorize(identity: Identity, allowed: readonly Role[] | undefined): void {
  if (!allowed) throw ProblemError.forbidden('endpoint declares no roles');
  if (!identity.roles.some((r) => allowed.includes(r))) throw ProblemError.forbidden(`requires one of the roles: ${allowed.join(', ')}`);
}

/**
 * Global guard: every endpoint needs a valid bearer token of an active tenant (the tenant
 * directory) and declares its roles, unless it is marked @Public(). An endpoint with neither is
 * refused, so a forgotten check fails closed. The edge hook has usually authenticated the
 * caller already, before the body was read; the guard then only confirms.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly tenants: TenantDirectory,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = ctx.switchToHttp().getRequest();
    const identity: Identity = request.identity ?? (await authenticate(request.headers?.authorization, this.verifier, this.tenants));
    authorize(identity, this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets));
    request.identity = identity;
    return true;
  }
}
