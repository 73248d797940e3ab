import { z } from 'zod';
import { isRole, isTenantCode, Role } from '@hotline/vocabulary';

/** What a service identity (a client certificate) may do: act for these tenants, with these roles. */
export interface ServicePeerGrant {
  /** '*' is every active tenant of the directory. */
  tenants: '*' | readonly string[];
  roles: readonly Role[];
}

/** Service identity (the name in its certificate) → its grant. */
export type ServicePeers = ReadonlyMap<string, ServicePeerGrant>;

/** A service identity: the `<name>` of `spiffe://hotline/<name>`, or a certificate's CN. */
export const SERVICE_IDENTITY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const FORM = '<identity>=<tenant>,<tenant>|*:<role>,<role>; …';

/**
 * Parses GRPC_SERVICE_PEERS, e.g. `gateway-110=city-3201,city-3202:linkage-peer;analytics=*:supervisor`.
 * Roles are required: a grant without any would admit nothing, so it is a mistake to report.
 */
export function parseServicePeers(text: string): { peers: ServicePeers; problems: string[] } {
  const peers = new Map<string, ServicePeerGrant>();
  const problems: string[] = [];
  for (const entry of text.split(';').map((e) => e.trim()).filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*([^:]+):(.+)$/.exec(entry);
    if (!match) {
      problems.push(`"${entry}" is not ${FORM}`);
      continue;
    }
    const [, name, tenantList, roleList] = match as unknown as [string, string, string, string];
    const tenants = tenantList.split(',').map((t) => t.trim()).filter(Boolean);
    const roles = roleList.split(',').map((r) => r.trim()).filter(Boolean);
    const bad = [
      ...(SERVICE_IDENTITY_PATTERN.test(name) ? [] : [`identity "${name}" (lowercase letters, digits, dashes)`]),
      ...(peers.has(name) ? [`identity "${name}" listed twice`] : []),
      ...(tenants.length === 0 ? ['no tenant'] : []),
      ...(tenants.includes('*') && tenants.length > 1 ? ['"*" with other tenants'] : []),
      ...tenants.filter((t) => t !== '*' && !isTenantCode(t)).map((t) => `tenant "${t}"`),
      ...(roles.length === 0 ? ['no role'] : []),
      ...roles.filter((r) => !isRole(r)).map((r) => `role "${r}"`),
    ];
    if (bad.length > 0) {
      problems.push(`"${entry}": ${bad.join(', ')}`);
      continue;
    }
    peers.set(name, { tenants: tenants.includes('*') ? '*' : tenants, roles: roles as Role[] });
  }
  return { peers, problems };
}

/** GRPC_SERVICE_PEERS in the platform's configuration: empty (no service identity admitted) by default. */
export const servicePeersSchema = z
  .string()
  .default('')
  .transform((text, ctx): ServicePeers => {
    const { peers, problems } = parseServicePeers(text);
    for (const message of problems) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    return peers;
  });

/** Whether a grant lets its identity act for a tenant. */
export function grantsTenant(grant: ServicePeerGrant, tenantId: string): boolean {
  return grant.tenants === '*' || grant.tenants.includes(tenantId);
}
