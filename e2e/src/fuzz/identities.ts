import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Credential, Credentials } from './case';

export interface TokenInfo {
  tenant: string;
  /** Its key in demo-tokens.json: the role, or `unit-operator:<unit>`. */
  key: string;
  roles: string[];
  token: string;
}

const claimsOf = (token: string): { tenant?: string; roles?: string[]; unit?: string } => {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return {};
  }
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The demo tokens the start command wrote (a token per tenant and role), read by their claims:
 * the own tenant is the first city, the other tenant the second, the province the tenant whose
 * token holds `province-operator`.
 */
export class Identities {
  readonly all: TokenInfo[];
  readonly own: string;
  readonly other: string | undefined;
  readonly province: string | undefined;

  constructor(tokens: Record<string, Record<string, string>>) {
    this.all = Object.entries(tokens).flatMap(([tenant, byKey]) =>
      Object.entries(byKey).map(([key, token]) => ({ tenant, key, token, roles: claimsOf(token).roles ?? [] })),
    );
    this.province = this.all.find((t) => t.roles.includes('province-operator'))?.tenant;
    const cities = [...new Set(this.all.map((t) => t.tenant))].filter((t) => t !== this.province);
    this.own = cities[0] ?? this.all[0]?.tenant ?? '';
    this.other = cities[1];
  }

  /** The tenant an operation is exercised in: the own city, or the province for province-only operations. */
  homeOf(allowed: readonly string[] | undefined): string {
    if (!allowed || this.tokensOf(this.own, allowed).length > 0) return this.own;
    return this.province && this.tokensOf(this.province, allowed).length > 0 ? this.province : this.own;
  }

  /** A tenant's tokens holding one of the roles (all of its tokens when the roles are unknown). */
  tokensOf(tenant: string, allowed?: readonly string[]): TokenInfo[] {
    return this.all.filter((t) => t.tenant === tenant && (!allowed || t.roles.some((r) => allowed.includes(r))));
  }

  credential(t: TokenInfo): Credential {
    return { label: `${t.tenant} ${t.key}`, header: `Bearer ${t.token}`, token: { tenant: t.tenant, key: t.key } };
  }

  /** Tokens that must be refused: malformed, tampered, unsigned, forged, signed with another key, another scheme. */
  async garbage(): Promise<Credential[]> {
    const sample = this.tokensOf(this.own)[0]?.token ?? 'a.b.c';
    const [header, payload, signature = ''] = sample.split('.');
    const claims = claimsOf(sample);
    const everything = { ...claims, roles: ['province-operator', 'tenant-admin', 'supervisor', 'agent', 'dispatcher', 'reviewer', 'unit-operator'] };
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const otherKey = await new SignJWT(claims as Record<string, unknown>)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(randomBytes(32));
    return [
      { label: 'a malformed token', header: 'Bearer not-a-jwt' },
      { label: 'an empty bearer token', header: 'Bearer ' },
      { label: 'a token with a tampered signature', header: `Bearer ${header}.${payload}.${flipped}` },
      { label: 'a token with forged roles', header: `Bearer ${header}.${b64(everything)}.${signature}` },
      { label: 'an unsigned token (alg none)', header: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(everything)}.` },
      { label: 'a token signed with another key', header: `Bearer ${otherKey}` },
      { label: 'a Basic credential', header: 'Basic ZnV6ejpmdXp6' },
      { label: 'a 10 000-character token', header: `Bearer ${'a'.repeat(10_000)}` },
    ];
  }

  /**
   * The credentials of an operation's cases: `right` is the token its base request works with;
   * another tenant's token of the same role; a token of the home tenant holding none of the roles.
   */
  credentialsFor(allowed: readonly string[] | undefined, right: TokenInfo | undefined, garbage: Credential[]): Credentials {
    const home = right?.tenant ?? this.homeOf(allowed);
    const otherTenant = home === this.own ? this.other : undefined;
    const sameRole = otherTenant && right ? this.all.find((t) => t.tenant === otherTenant && t.key === right.key) : undefined;
    const lacking = (tenant: string) => this.tokensOf(tenant).find((t) => !t.roles.some((r) => allowed?.includes(r)));
    const wrong = allowed ? (lacking(home) ?? lacking(this.own)) : undefined;
    return {
      ...(right ? { right: this.credential(right) } : {}),
      ...(sameRole ? { otherTenant: this.credential(sameRole) } : {}),
      ...(wrong ? { wrongRole: this.credential(wrong) } : {}),
      garbage,
    };
  }
}
