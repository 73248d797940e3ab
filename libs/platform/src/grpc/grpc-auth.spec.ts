import { Metadata, status } from '@grpc/grpc-js';
import type { PeerCertificate } from 'node:tls';
import type { Role } from '@hotline/vocabulary';
import { createTokenVerifier, signLocalToken } from '../auth/identity';
import { authenticateCall, GrpcAuthDeps, serviceIdentityOf } from './grpc-auth';
import { parseServicePeers } from './grpc-peers';

const secret = 'a-local-signing-secret-of-32-chars!!';
const active = new Set(['city-a', 'city-b']);
const deps: GrpcAuthDeps = {
  verifier: createTokenVerifier({ mode: 'local', localSecret: secret }),
  tenants: { isActive: async (code: string) => active.has(code) },
  peers: parseServicePeers('gateway-110=city-a:dispatcher;reporting=*:supervisor').peers,
};
const ROLES: Role[] = ['dispatcher', 'supervisor'];

const metadata = (entries: Record<string, string>) => {
  const m = new Metadata();
  for (const [k, v] of Object.entries(entries)) m.set(k, v);
  return m;
};
const certificate = (subjectaltname: string | undefined, cn = 'someone') => ({ subject: { CN: cn }, subjectaltname }) as unknown as PeerCertificate;
const bearer = async (tenantId: string, roles: Role[] = ['dispatcher']) => `Bearer ${await signLocalToken(secret, { tenantId, roles })}`;

describe('the service identity of a client certificate', () => {
  it('is the name of its spiffe://hotline/ URI, else its CN', () => {
    expect(serviceIdentityOf(certificate('DNS:localhost, URI:spiffe://hotline/gateway-110, IP Address:127.0.0.1'))).toBe('gateway-110');
    expect(serviceIdentityOf(certificate('DNS:localhost', 'analytics'))).toBe('analytics');
    expect(serviceIdentityOf(certificate(undefined, 'analytics'))).toBe('analytics');
  });

  it('is no one for two identities, a foreign trust domain only with a bad CN, or a name outside the pattern', () => {
    expect(serviceIdentityOf(certificate('URI:spiffe://hotline/a, URI:spiffe://hotline/b'))).toBeUndefined();
    expect(serviceIdentityOf(certificate('URI:spiffe://other/gateway', 'Gateway 110'))).toBeUndefined();
    expect(serviceIdentityOf(certificate('URI:spiffe://hotline/../admin'))).toBeUndefined();
    expect(serviceIdentityOf(undefined)).toBeUndefined();
  });
});

describe('authenticating a gRPC call', () => {
  it('takes a bearer token\'s tenant and roles; x-tenant-id may repeat it', async () => {
    const auth = await authenticateCall({ metadata: metadata({ authorization: await bearer('city-a') }) }, ROLES, deps);
    expect(auth).toMatchObject({ tenantId: 'city-a', caller: { kind: 'user', identity: { tenantId: 'city-a', roles: ['dispatcher'] } } });
    const same = metadata({ authorization: await bearer('city-a'), 'x-tenant-id': 'city-a' });
    expect((await authenticateCall({ metadata: same }, ROLES, deps)).tenantId).toBe('city-a');
  });

  it.each([
    ['no credential at all', async () => metadata({ 'x-tenant-id': 'city-a' }), status.UNAUTHENTICATED, 'no-credential'],
    ['a non-bearer authorization', async () => metadata({ authorization: 'Basic YTpi' }), status.UNAUTHENTICATED, 'malformed-authorization'],
    ['a forged token', async () => metadata({ authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJ0ZW5hbnQiOiJjaXR5LWEifQ.' }), status.UNAUTHENTICATED, 'invalid-token'],
    ['a token of an unknown tenant', async () => metadata({ authorization: await bearer('city-z') }), status.UNAUTHENTICATED, 'inactive-tenant'],
    ['a token of tenant B asking for tenant A', async () => metadata({ authorization: await bearer('city-b'), 'x-tenant-id': 'city-a' }), status.PERMISSION_DENIED, 'tenant-mismatch'],
    ['a token whose roles the method does not admit', async () => metadata({ authorization: await bearer('city-a', ['agent']) }), status.PERMISSION_DENIED, 'role-not-admitted'],
  ])('refuses %s', async (_label, build, code, reason) => {
    await expect(authenticateCall({ metadata: await build() }, ROLES, deps)).rejects.toMatchObject({ code, reason });
  });

  it('decides by the token when there is one, even with a granted certificate: a bad token is not passed over', async () => {
    const peerCertificate = certificate('URI:spiffe://hotline/gateway-110');
    const call = { metadata: metadata({ authorization: 'Bearer not-a-jwt', 'x-tenant-id': 'city-a' }), peerCertificate };
    await expect(authenticateCall(call, ROLES, deps)).rejects.toMatchObject({ code: status.UNAUTHENTICATED, reason: 'invalid-token' });
  });

  it('serves a granted service identity for its tenants and roles only', async () => {
    const gateway = certificate('URI:spiffe://hotline/gateway-110');
    const asGateway = (tenant?: string) => ({ metadata: metadata(tenant ? { 'x-tenant-id': tenant } : {}), peerCertificate: gateway });
    expect(await authenticateCall(asGateway('city-a'), ROLES, deps)).toEqual({
      tenantId: 'city-a',
      caller: { kind: 'service', name: 'gateway-110', roles: ['dispatcher'] },
    });
    await expect(authenticateCall(asGateway('city-b'), ROLES, deps)).rejects.toMatchObject({ code: status.PERMISSION_DENIED, reason: 'tenant-not-granted' });
    await expect(authenticateCall(asGateway(), ROLES, deps)).rejects.toMatchObject({ code: status.INVALID_ARGUMENT, reason: 'missing-tenant' });
    await expect(authenticateCall(asGateway('city-a'), ['tenant-admin'], deps)).rejects.toMatchObject({ code: status.PERMISSION_DENIED, reason: 'role-not-admitted' });
    // "*" is every active tenant, not any code at all.
    const reporting = (tenant: string) => ({ metadata: metadata({ 'x-tenant-id': tenant }), peerCertificate: certificate('URI:spiffe://hotline/reporting') });
    expect((await authenticateCall(reporting('city-b'), ROLES, deps)).tenantId).toBe('city-b');
    await expect(authenticateCall(reporting('city-z'), ROLES, deps)).rejects.toMatchObject({ reason: 'tenant-not-granted' });
  });

  it('refuses a CA-signed certificate of an identity GRPC_SERVICE_PEERS does not list, or of none', async () => {
    const stranger = { metadata: metadata({ 'x-tenant-id': 'city-a' }), peerCertificate: certificate('URI:spiffe://hotline/stranger') };
    await expect(authenticateCall(stranger, ROLES, deps)).rejects.toMatchObject({ code: status.PERMISSION_DENIED, reason: 'unknown-service' });
    const nameless = { metadata: metadata({ 'x-tenant-id': 'city-a' }), peerCertificate: certificate(undefined, 'Not A Name') };
    await expect(authenticateCall(nameless, ROLES, deps)).rejects.toMatchObject({ code: status.UNAUTHENTICATED, reason: 'no-credential' });
  });
});
