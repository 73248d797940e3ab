import { Metadata, status } from '@grpc/grpc-js';
import type { PeerCertificate } from 'node:tls';
import { Counter, Registry } from 'prom-client';
import { isTenantCode, Role } from '@hotline/vocabulary';
import { AuthenticationError, Identity, TokenVerifier } from '../auth/identity';
import type { TenantDirectory } from '../tenancy/tenant-directory';
import { grantsTenant, SERVICE_IDENTITY_PATTERN, ServicePeers } from './grpc-peers';

export const TENANT_METADATA = 'x-tenant-id';
export const AUTHORIZATION_METADATA = 'authorization';
/** The SPIFFE trust domain of the platform's service certificates: `spiffe://hotline/<service>`. */
export const SPIFFE_PREFIX = 'spiffe://hotline/';

/** Who is calling: a user (bearer token) or a service (its client certificate and GRPC_SERVICE_PEERS). */
export type GrpcCaller = { kind: 'user'; identity: Identity } | { kind: 'service'; name: string; roles: readonly Role[] };

/** Why a call was refused: the label of hl_grpc_refused_total. */
export type RefusalReason =
  | 'no-credential'
  | 'malformed-authorization'
  | 'invalid-token'
  | 'inactive-tenant'
  | 'tenant-mismatch'
  | 'role-not-admitted'
  | 'unknown-service'
  | 'tenant-not-granted'
  | 'missing-tenant';

/** A refused call: its gRPC status and the reason counted and logged (never the token). */
export class GrpcRefusal extends Error {
  constructor(
    readonly code: status,
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

export interface GrpcAuthDeps {
  verifier: TokenVerifier;
  tenants: Pick<TenantDirectory, 'isActive'>;
  peers: ServicePeers;
}

/** The parts of a grpc-js call that say who is calling. */
export interface CallCredentials {
  metadata: Metadata;
  /** The verified client certificate (grpc-js gives it only when the handshake authorised it). */
  peerCertificate?: PeerCertificate;
}

/**
 * The service identity of a CA-verified client certificate: the name of its one
 * `spiffe://hotline/<name>` SAN URI, else its subject CN; undefined when neither names one.
 */
export function serviceIdentityOf(certificate: PeerCertificate | undefined): string | undefined {
  if (!certificate) return undefined;
  const uris = (certificate.subjectaltname ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith(`URI:${SPIFFE_PREFIX}`))
    .map((entry) => entry.slice(`URI:${SPIFFE_PREFIX}`.length));
  // Two names in one certificate would let it choose whom to be: it is no one.
  if (uris.length > 1) return undefined;
  const name = uris[0] ?? (typeof certificate.subject?.CN === 'string' ? certificate.subject.CN : undefined);
  return name !== undefined && SERVICE_IDENTITY_PATTERN.test(name) ? name : undefined;
}

const single = (metadata: Metadata, key: string): string | undefined => {
  const values = metadata.get(key);
  return values.length === 1 ? String(values[0]) : values.length === 0 ? undefined : '';
};

async function authenticateUser(header: string, requestedTenant: string | undefined, roles: readonly Role[], deps: GrpcAuthDeps) {
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!token) throw new GrpcRefusal(status.UNAUTHENTICATED, 'malformed-authorization', 'authorization metadata must be "Bearer <token>"');
  let identity: Identity;
  try {
    identity = await deps.verifier.verify(token);
  } catch (err) {
    if (err instanceof AuthenticationError) throw new GrpcRefusal(status.UNAUTHENTICATED, 'invalid-token', err.message);
    throw err;
  }
  if (!(await deps.tenants.isActive(identity.tenantId)))
    throw new GrpcRefusal(status.UNAUTHENTICATED, 'inactive-tenant', `tenant "${identity.tenantId}" is unknown or suspended`);
  // The tenant is the token's; a header naming another is an attempt to cross tenants.
  if (requestedTenant !== undefined && requestedTenant !== identity.tenantId)
    throw new GrpcRefusal(status.PERMISSION_DENIED, 'tenant-mismatch', `${TENANT_METADATA} does not match the token's tenant`);
  if (!identity.roles.some((r) => roles.includes(r)))
    throw new GrpcRefusal(status.PERMISSION_DENIED, 'role-not-admitted', `requires one of the roles: ${roles.join(', ')}`);
  return { tenantId: identity.tenantId, caller: { kind: 'user', identity } as GrpcCaller };
}

async function authenticateService(name: string, requestedTenant: string | undefined, roles: readonly Role[], deps: GrpcAuthDeps) {
  const grant = deps.peers.get(name);
  if (!grant) throw new GrpcRefusal(status.PERMISSION_DENIED, 'unknown-service', `service identity "${name}" is granted nothing here`);
  if (requestedTenant === undefined || !isTenantCode(requestedTenant))
    throw new GrpcRefusal(status.INVALID_ARGUMENT, 'missing-tenant', `a service names the tenant it acts for in ${TENANT_METADATA} metadata`);
  if (!grantsTenant(grant, requestedTenant) || !(await deps.tenants.isActive(requestedTenant)))
    throw new GrpcRefusal(status.PERMISSION_DENIED, 'tenant-not-granted', `service identity "${name}" may not act for tenant "${requestedTenant}"`);
  if (!grant.roles.some((r) => roles.includes(r)))
    throw new GrpcRefusal(status.PERMISSION_DENIED, 'role-not-admitted', `requires one of the roles: ${roles.join(', ')}`);
  return { tenantId: requestedTenant, caller: { kind: 'service', name, roles: grant.roles } as GrpcCaller };
}

/**
 * Decides who is calling and for which tenant, as the HTTP guard does: a bearer token decides
 * when there is one (even over mutual TLS, and an invalid one is never passed over for the
 * certificate); otherwise a client certificate's service identity, for the tenant it names in
 * `x-tenant-id` if GRPC_SERVICE_PEERS grants it. Nothing else is a credential.
 */
export async function authenticateCall(call: CallCredentials, roles: readonly Role[], deps: GrpcAuthDeps): Promise<{ tenantId: string; caller: GrpcCaller }> {
  const requestedTenant = single(call.metadata, TENANT_METADATA);
  const authorization = single(call.metadata, AUTHORIZATION_METADATA);
  if (authorization !== undefined) return authenticateUser(authorization, requestedTenant, roles, deps);
  const service = serviceIdentityOf(call.peerCertificate);
  if (service !== undefined) return authenticateService(service, requestedTenant, roles, deps);
  throw new GrpcRefusal(
    status.UNAUTHENTICATED,
    'no-credential',
    call.peerCertificate ? 'the client certificate names no service identity, and there is no bearer token' : 'missing bearer token',
  );
}

const refusals = new WeakMap<Registry, Counter<'method' | 'reason'>>();

/** hl_grpc_refused_total{method, reason} of a service's registry (one counter per registry). */
export function refusalCounter(registry: Registry): Counter<'method' | 'reason'> {
  let counter = refusals.get(registry);
  if (!counter) {
    counter = new Counter({
      name: 'hl_grpc_refused_total',
      help: 'gRPC calls refused before the handler ran, by method and reason (no-credential, invalid-token, tenant-mismatch, …)',
      labelNames: ['method', 'reason'],
      registers: [registry],
    });
    refusals.set(registry, counter);
  }
  return counter;
}
