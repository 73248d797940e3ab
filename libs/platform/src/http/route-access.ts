import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { Role } from '@hotline/vocabulary';

export const ROLES_KEY = 'hotline:roles';
export const PUBLIC_KEY = 'hotline:public';

/** Who may call a route: anyone (public), or the holders of these roles (none declared: nobody). */
export type RouteAccess = { public: true } | { public: false; roles: readonly Role[] | undefined };

const segments = (path: unknown): string[] =>
  ([] as unknown[])
    .concat(path ?? '')
    .map(String)
    .flatMap((p) => p.split('/'))
    .filter(Boolean);

/** The key fastify's `routeOptions.url` and the method give: `GET /v1/tenants/:code`. */
export const routeKey = (method: string, url: string) => `${method === 'HEAD' ? 'GET' : method} ${url}`;

/**
 * Every controller route and who may call it, read from the same decorators the guard reads
 * (@Public, @Roles on the method or its class), so authentication can run when a request
 * arrives, before its body is read, and the OpenAPI document can state the roles.
 */
export function routeAccessOf(controllers: readonly Type[]): Map<string, RouteAccess> {
  const access = new Map<string, RouteAccess>();
  for (const controller of controllers) {
    const prefix = segments(Reflect.getMetadata(PATH_METADATA, controller));
    const classPublic = Reflect.getMetadata(PUBLIC_KEY, controller) === true;
    const classRoles: Role[] | undefined = Reflect.getMetadata(ROLES_KEY, controller);
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
      if (method === undefined || !Reflect.hasMetadata(PATH_METADATA, handler)) continue;
      const url = `/${[...prefix, ...segments(Reflect.getMetadata(PATH_METADATA, handler))].join('/')}`;
      const isPublic = classPublic || Reflect.getMetadata(PUBLIC_KEY, handler) === true;
      const roles: Role[] | undefined = Reflect.getMetadata(ROLES_KEY, handler) ?? classRoles;
      access.set(routeKey(RequestMethod[method], url), isPublic ? { public: true } : { public: false, roles });
    }
  }
  return access;
}
