import { credentials, status } from '@grpc/grpc-js';
import { grpcHealth, dispatchV1 } from '@hotline/contracts';
import {
  callUnary,
  createDevCertificateAuthority,
  createGrpcClient,
  DevCertificate,
  DevCertificateAuthority,
  issueDevCertificate,
  mtlsChannelCredentials,
  selfSignedDevCertificate,
} from '@hotline/platform';
import { registerTestTenant, ServiceUnderTest, startServiceUnderTest, unknownTenantToken } from '@hotline/service-testing';
import { TEST_AUTH_SECRET } from '@hotline/testing';
import { SignJWT } from 'jose';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchService } from '../src/dispatch.service';

// gRPC authentication end to end, on dispatch (every service's gRPC goes through the same
// unary()): a real service with mutual TLS, certificates made by openssl in the test.
describe('gRPC authentication: bearer tokens and mutual TLS (real PostgreSQL and NATS)', () => {
  let dir: string;
  let ca: DevCertificateAuthority;
  let server: DevCertificate;
  let sut: ServiceUnderTest;
  const clients: Array<{ close(): void }> = [];

  /** A DispatchService client presenting this certificate (signed by `authority`, the test CA by default). */
  const clientWith = (cert: DevCertificate | undefined, authority = ca) => {
    const pem = { ca: readFileSync(authority.certFile) };
    const creds = cert
      ? mtlsChannelCredentials({ ...pem, cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) })
      : credentials.createSsl(pem.ca);
    const client = createGrpcClient(dispatchV1.DispatchServiceClient, sut.service.grpcAddress, creds);
    clients.push(client);
    return client;
  };
  const listUnits = (client: dispatchV1.DispatchServiceClient, options: { token?: string; tenantId?: string }) =>
    callUnary(client, client.listUnits, { areaCode: '' }, options).then((r) => r.units.map((u) => u.code));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grpc-auth-'));
    ca = createDevCertificateAuthority(join(dir, 'ca'));
    server = issueDevCertificate(ca, 'dispatch');
    sut = await startServiceUnderTest(dispatchService, {
      env: {
        GRPC_TLS_CA_FILE: ca.certFile,
        GRPC_TLS_CERT_FILE: server.certFile,
        GRPC_TLS_KEY_FILE: server.keyFile,
        GRPC_SERVICE_PEERS: 'gateway-110=city-a:dispatcher',
      },
    });
    for (const [tenant, code] of [['city-a', 'A-ROOT'], ['city-b', 'B-ROOT']] as const) {
      const admin = await sut.token(tenant, ['tenant-admin']);
      expect((await sut.request('POST', '/v1/units', admin, { code, name: code, areaCodes: ['440304'] })).status).toBe(201);
    }
    await registerTestTenant(sut.service, 'city-s', 'suspended');
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await sut?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('a user\'s bearer token (over mutual TLS, from a client certificate granted nothing)', () => {
    let viaConsole: dispatchV1.DispatchServiceClient;
    beforeAll(() => {
      viaConsole = clientWith(issueDevCertificate(ca, 'console'));
    });

    it('acts for the token\'s tenant; a token of tenant B asking for tenant A is refused and sees nothing of A', async () => {
      const dispatcherA = await sut.token('city-a', ['dispatcher']);
      expect(await listUnits(viaConsole, { token: dispatcherA })).toEqual(['A-ROOT']);
      expect(await listUnits(viaConsole, { token: dispatcherA, tenantId: 'city-a' })).toEqual(['A-ROOT']);
      const dispatcherB = await sut.token('city-b', ['dispatcher']);
      await expect(listUnits(viaConsole, { token: dispatcherB, tenantId: 'city-a' })).rejects.toMatchObject({
        code: status.PERMISSION_DENIED,
        details: expect.stringMatching(/does not match the token's tenant/),
      });
      expect(await listUnits(viaConsole, { token: dispatcherB })).toEqual(['B-ROOT']);
    });

    it('refuses no credential, a forged or expired token, and tokens of unknown or suspended tenants as UNAUTHENTICATED', async () => {
      const key = new TextEncoder().encode(TEST_AUTH_SECRET);
      const expired = await new SignJWT({ tenant: 'city-a', roles: ['dispatcher'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(key);
      const forged = await new SignJWT({ tenant: 'city-a', roles: ['dispatcher'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('another-key-that-is-long-enough-0123456789'));
      const refusals: Array<[string, { token?: string; tenantId?: string }]> = [
        ['no token at all', { tenantId: 'city-a' }],
        ['a forged token', { token: forged }],
        ['an expired token', { token: expired }],
        ['not a JWT', { token: 'not-a-jwt' }],
        ['an unknown tenant', { token: await unknownTenantToken('city-z', ['dispatcher']) }],
        ['a suspended tenant', { token: await unknownTenantToken('city-s', ['dispatcher']) }],
      ];
      // With no token, the client certificate decides: a CA-signed one of an identity granted nothing.
      await expect(listUnits(viaConsole, refusals[0]![1])).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
      for (const [label, options] of refusals.slice(1))
        await expect(listUnits(viaConsole, options).catch((err) => ({ label, code: err.code }))).resolves.toEqual({ label, code: status.UNAUTHENTICATED });
    });

    it('refuses a token whose roles the method does not admit (as GET /v1/units)', async () => {
      await expect(listUnits(viaConsole, { token: await sut.token('city-a', ['reviewer']) })).rejects.toMatchObject({
        code: status.PERMISSION_DENIED,
        details: 'requires one of the roles: agent, dispatcher, supervisor, tenant-admin',
      });
    });
  });

  describe('a service identity (its client certificate, GRPC_SERVICE_PEERS)', () => {
    it('is served for its granted tenant only', async () => {
      const gateway = clientWith(issueDevCertificate(ca, 'gateway-110'));
      expect(await listUnits(gateway, { tenantId: 'city-a' })).toEqual(['A-ROOT']);
      await expect(listUnits(gateway, { tenantId: 'city-b' })).rejects.toMatchObject({
        code: status.PERMISSION_DENIED,
        details: 'service identity "gateway-110" may not act for tenant "city-b"',
      });
      await expect(listUnits(gateway, {})).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
      // A token, when there is one, decides: a bad one is not passed over for the certificate.
      await expect(listUnits(gateway, { token: 'not-a-jwt', tenantId: 'city-a' })).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    });

    it('is refused at the handshake with a certificate the CA did not sign, or with none', async () => {
      const otherCa = createDevCertificateAuthority(join(dir, 'other-ca'), 'another CA');
      const attempts = {
        'self-signed': clientWith(selfSignedDevCertificate(join(dir, 'self'), 'gateway-110')),
        'another CA': clientWith(issueDevCertificate(otherCa, 'gateway-110')),
        'no certificate': clientWith(undefined),
        plaintext: createGrpcClient(dispatchV1.DispatchServiceClient, sut.service.grpcAddress),
      };
      clients.push(attempts.plaintext);
      for (const [label, client] of Object.entries(attempts))
        await expect(listUnits(client, { tenantId: 'city-a' }).catch((err) => ({ label, code: err.code }))).resolves.toEqual({
          label,
          code: status.UNAVAILABLE,
        });
    });
  });

  it('answers the standard health check without a token (the TLS handshake still needs a certificate)', async () => {
    const health = createGrpcClient(grpcHealth.HealthClient, sut.service.grpcAddress, mtlsChannelCredentials({
      ca: readFileSync(ca.certFile),
      cert: readFileSync(server.certFile),
      key: readFileSync(server.keyFile),
    }));
    clients.push(health);
    const checked = await callUnary(health, health.check, { service: '' }, {});
    expect(checked.status).toBe(grpcHealth.HealthCheckResponse_ServingStatus.SERVING);
  });

  it('counts refused calls by method and reason in /metrics', async () => {
    const metrics = await fetch(`${sut.service.httpUrl}/metrics`).then((r) => r.text());
    const method = '/hotline.dispatch.v1.DispatchService/ListUnits';
    for (const reason of ['tenant-mismatch', 'invalid-token', 'inactive-tenant', 'role-not-admitted', 'unknown-service', 'tenant-not-granted'])
      expect(metrics).toMatch(new RegExp(`hl_grpc_refused_total\\{method="${method.replace(/\./g, '\\.')}",reason="${reason}",service="dispatch"\\} [1-9]`));
  });
});
