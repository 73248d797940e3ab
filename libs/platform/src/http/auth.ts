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

const ROLES_KEY = 'hotline:roles';
const PUBLIC_KEY = 'hotline:public';

/** Endpoint open to callers holding any of these roles (and only those). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Endpoint without authentication (health, metrics, public progress lookup). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The verified caller of an authenticated endpoint. */
export const CurrentIdentity = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Identity => ctx.switchToHttp().getRequest().identity,
);

/**
 * Global guard: every endpoint needs a valid bearer token of an active tenant (the tenant
 * directory) and declares its roles, unless it is marked @Public(). An endpoint with neither is
 * refused, so a forgotten check fails closed.
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
    const header: string | undefined = request.headers?.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw ProblemError.unauthenticated('missing bearer token');
    let identity: Identity;
    try {
      identity = await this.verifier.verify(token);
    } catch (err) {
      if (err instanceof AuthenticationError) throw ProblemError.unauthenticated(err.message);
      throw err;
    }
    if (!(await this.tenants.isActive(identity.tenantId)))
      throw ProblemError.unauthenticated(`tenant "${identity.tenantId}" is unknown or suspended`);
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (!allowed) throw ProblemError.forbidden('endpoint declares no roles');
    if (!identity.roles.some((r) => allowed.includes(r)))
      throw ProblemError.forbidden(`requires one of the roles: ${allowed.join(', ')}`);
    request.identity = identity;
    return true;
  }
}
