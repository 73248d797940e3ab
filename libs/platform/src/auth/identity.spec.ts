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

  it.each([
    ['no tenant', { roles: ['agent'] }, /tenant/],
    ['a tenant that is not a subject token', { tenant: 'City 1', roles: ['agent'] }, /tenant/],
    ['an unknown role', { tenant: 'city-1', roles: ['root'] }, /roles/],
    ['roles that are not a list', { tenant: 'city-1', roles: 'agent' }, /roles/],
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

  it('rejects an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ tenant: 'city-1', roles: ['tenant-admin'] })).toString('base64url');
    await expect(verifier.verify(`${header}.${body}.`)).rejects.toBeInstanceOf(AuthenticationError);
  });
});
