import { SignJWT } from 'jose';
import { AuthenticationError, createTokenVerifier, signLocalToken } from './identity';

const secret = 'a-local-signing-secret-of-32-chars!!';
const verifier = createTokenVerifier({ mode: 'local', localSecret: secret });
const sign = (claims: Record<string, unknown>, key = secret) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(key));

describe('local-mode tokens', () => {
  it('round-trips tenant, roles and unit', async () => {
    const token = await signLocalToken(secret, { tenantId: 'city-3201', roles: ['unit-operator'], unit: 'housing' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ tenantId: 'city-3201', roles: ['unit-operator'], unit: 'housing' });
  });

  it("round-trips a data recipient's department, and has none for anyone else", async () => {
    const token = await signLocalToken(secret, { tenantId: 'city-3201', roles: ['data-recipient'], department: 'city-env-bureau' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ roles: ['data-recipient'], department: 'city-env-bureau' });
    const agent = await verifier.verify(await signLocalToken(secret, { tenantId: 'city-3201', roles: ['agent'] }));
    expect('department' in agent).toBe(false);
  });

  it.each([
    ['no tenant', { roles: ['agent'] }, /tenant/],
    ['a tenant that is not a subject token', { tenant: 'City 1', roles: ['agent'] }, /tenant/],
    ['an unknown role', { tenant: 'city-1', roles: ['root'] }, /roles/],
    ['roles that are not a list', { tenant: 'city-1', roles: 'agent' }, /roles/],
    ['a department that is not a string', { tenant: 'city-1', roles: ['data-recipient'], department: 7 }, /department/],
  ])('rejects a token with %s', async (_label, claims, message) => {
    await expect(verifier.verify(await sign(claims))).rejects.toThrow(message);
  });

  it('rejects a token signed with another key, and an expired one', async () => {
    await expect(verifier.verify(await sign({ tenant: 'city-1', roles: ['agent'] }, 'x'.repeat(40)))).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    const expired = await new SignJWT({ tenant: 'city-1', roles: ['agent'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(expired)).rejects.toThrow(/invalid token/);
  });

  it('rejects a token without exp, one that lives longer than the maximum, and one issued in the future', async () => {
    const key = new TextEncoder().encode(secret);
    const claims = { tenant: 'city-1', roles: ['agent'] };
    const now = Math.floor(Date.now() / 1000);
    const noExp = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(key);
    await expect(verifier.verify(noExp)).rejects.toThrow(/exp/);
    const century = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('100y').sign(key);
    await expect(verifier.verify(century)).rejects.toThrow(/lifetime exceeds 43200 s/);
    // Without iat the lifetime counts from now.
    const farNoIat = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now + 13 * 3600).sign(key);
    await expect(verifier.verify(farNoIat)).rejects.toThrow(/lifetime/);
    const future = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now + 3600).setExpirationTime(now + 7200).sign(key);
    await expect(verifier.verify(future)).rejects.toThrow(/iat/);
    const short = createTokenVerifier({ mode: 'local', localSecret: secret, maxLifetimeS: 600 });
    await expect(short.verify(await signLocalToken(secret, { tenantId: 'city-1', roles: ['agent'] }))).rejects.toThrow(/lifetime exceeds 600 s/);
    await expect(short.verify(await signLocalToken(secret, { tenantId: 'city-1', roles: ['agent'] }, { expiresIn: '5m' }))).resolves.toMatchObject({
      tenantId: 'city-1',
    });
  });

  it('rejects a token with no roles at all', async () => {
    await expect(verifier.verify(await sign({ tenant: 'city-1', roles: [] }))).rejects.toThrow(/roles/);
  });

  it('rejects an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ tenant: 'city-1', roles: ['tenant-admin'] })).toString('base64url');
    await expect(verifier.verify(`${header}.${body}.`)).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe('production tokens verified against a JWKS', () => {
  let server: import('node:http').Server;
  let jwksUrl: string;
  let privateKey: import('jose').KeyLike;

  beforeAll(async () => {
    const { createServer } = await import('node:http');
    const { exportJWK, generateKeyPair } = await import('jose');
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address() as import('node:net').AddressInfo;
    jwksUrl = `http://127.0.0.1:${address.port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise((r) => server.close(r)));

  const issue = (claims: Record<string, unknown>, audience = 'hotline') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('https://idp.example.gov.cn')
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(privateKey);

  it('accepts a token signed by a key of the JWKS with the right issuer and audience', async () => {
    const verifier = createTokenVerifier({ mode: 'jwks', jwksUrl, issuer: 'https://idp.example.gov.cn', audience: 'hotline' });
    const token = await issue({ sub: 'u1', tenant: 'city-3201', roles: ['dispatcher'] });
    await expect(verifier.verify(token)).resolves.toEqual({ subject: 'u1', tenantId: 'city-3201', roles: ['dispatcher'], unit: undefined });
  });

  it('cannot be built without an issuer and an audience to check', () => {
    expect(() => createTokenVerifier({ mode: 'jwks', jwksUrl, audience: 'hotline' })).toThrow(/AUTH_ISSUER and AUTH_AUDIENCE/);
    expect(() => createTokenVerifier({ mode: 'jwks', jwksUrl, issuer: 'https://idp.example.gov.cn' })).toThrow(/AUTH_ISSUER and AUTH_AUDIENCE/);
  });

  it('rejects a token of another issuer, and one without exp', async () => {
    const verifier = createTokenVerifier({ mode: 'jwks', jwksUrl, issuer: 'https://idp.example.gov.cn', audience: 'hotline' });
    const otherIssuer = await new SignJWT({ tenant: 'city-1', roles: ['agent'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('https://other.example.com')
      .setAudience('hotline')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifier.verify(otherIssuer)).rejects.toThrow(/iss/);
    const noExp = await new SignJWT({ tenant: 'city-1', roles: ['agent'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('https://idp.example.gov.cn')
      .setAudience('hotline')
      .sign(privateKey);
    await expect(verifier.verify(noExp)).rejects.toThrow(/exp/);
  });

  it('rejects another audience, and a local HS256 token', async () => {
    const verifier = createTokenVerifier({ mode: 'jwks', jwksUrl, issuer: 'https://idp.example.gov.cn', audience: 'hotline' });
    await expect(verifier.verify(await issue({ tenant: 'city-1', roles: ['agent'] }, 'other'))).rejects.toBeInstanceOf(AuthenticationError);
    await expect(verifier.verify(await sign({ tenant: 'city-1', roles: ['agent'] }))).rejects.toBeInstanceOf(AuthenticationError);
  });
});
