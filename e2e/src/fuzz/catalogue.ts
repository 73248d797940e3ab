import { AuthKind, Base, Credential, Credentials, Family, FuzzCase, withCredential } from './case';
import { extraCases, missingCases, numberCases, oversizeCases, pathCases, queryCases, unicodeCases, wrongTypeCases } from './field-families';
import type { Rng } from './random';
import { authCases, CaseDraft, contentTypeCases, FamilyContext, headerCases, methodCases, syntaxCases } from './request-families';

/** Each family of the catalogue and the cases it derives from an operation and its base request. */
const FAMILIES: [Family, (ctx: FamilyContext) => CaseDraft[]][] = [
  ['syntax', syntaxCases],
  ['content-type', contentTypeCases],
  ['wrong-type', wrongTypeCases],
  ['missing', missingCases],
  ['extra', extraCases],
  ['oversize', oversizeCases],
  ['number', numberCases],
  ['unicode', unicodeCases],
  ['path', pathCases],
  ['query', queryCases],
  ['method', methodCases],
  ['header', headerCases],
];

export const caseSlug = (c: Pick<FuzzCase, 'op'>) =>
  `${c.op.service}-${c.op.method.toLowerCase()}${c.op.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+/g, '-')}`.replace(/-+$/, '');

/**
 * A family's cases in the order they are drawn: spread over their variants (each kind of value
 * once, on a random field, before any twice), variants with cases expected to be refused first.
 */
export function diversified(cases: CaseDraft[], rng: Rng): CaseDraft[] {
  const groups = new Map<string, CaseDraft[]>();
  for (const c of rng.shuffle(cases)) groups.set(c.variant ?? c.description, [...(groups.get(c.variant ?? c.description) ?? []), c]);
  const refusing = (g: CaseDraft[]) => g.some((c) => c.expect === 'reject');
  const ordered = [...groups.values()].sort((a, b) => Number(refusing(b)) - Number(refusing(a)));
  const out: CaseDraft[] = [];
  for (let round = 0; out.length < cases.length; round++) for (const g of ordered) if (g[round]) out.push(g[round] as CaseDraft);
  return out;
}

/** The share of an operation's budget spent on drawn cases sent again without the right credentials. */
const RECREDENTIALED = 0.15;

/**
 * Drawn cases sent again without a valid token, with a wrong role or as another tenant: each of
 * the cases may be refused for its credentials first (a path case may not reach the route, so
 * none is taken).
 */
function recredentialed(ctx: FamilyContext, drawn: CaseDraft[], count: number): CaseDraft[] {
  const { base, credentials, rng } = ctx;
  if (base.op.isPublic || count <= 0) return [];
  const variants: [AuthKind, Credential | null, number | undefined][] = [
    ['none', null, 401],
    ...credentials.garbage.map((g): [AuthKind, Credential, number] => ['garbage', g, 401]),
    ...(credentials.wrongRole ? [['wrong-role', credentials.wrongRole, 403] as [AuthKind, Credential, number]] : []),
    ...(credentials.otherTenant ? [['other-tenant', credentials.otherTenant, undefined] as [AuthKind, Credential, undefined]] : []),
  ];
  return rng
    .shuffle(drawn.filter((c) => c.family !== 'path' && c.family !== 'method'))
    .slice(0, count)
    .map((c) => {
      const [auth, credential, status] = rng.pick(variants);
      const crossTenant = auth === 'other-tenant' && base.ownTenantPath;
      const { blame: _blame, ...rest } = c;
      return {
        ...rest,
        description: `${c.description}, as ${credential?.label ?? 'nobody'}`,
        auth,
        request: withCredential(c.request, credential),
        expect: status || crossTenant ? 'reject' : c.expect,
        ...(status ? { status } : {}),
        ...(crossTenant ? { crossTenant } : {}),
      };
    });
}

/**
 * How many cases each family gets of `budget`: in proportion to the square root of what it
 * holds (a rich family gets more, a small one is not drowned), at least one each, never more
 * than it has.
 */
export function quotas(sizes: number[], budget: number): number[] {
  const weights = sizes.map((n) => Math.sqrt(n));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const out = sizes.map((n, i) => Math.min(n, Math.max(n > 0 ? 1 : 0, Math.floor((budget * (weights[i] ?? 0)) / total))));
  let spare = budget - out.reduce((a, b) => a + b, 0);
  while (spare > 0) {
    let gave = false;
    for (let i = 0; i < sizes.length && spare > 0; i++)
      if ((out[i] ?? 0) < (sizes[i] ?? 0)) {
        out[i] = (out[i] ?? 0) + 1;
        spare--;
        gave = true;
      }
    if (!gave) break;
  }
  return out;
}

/**
 * The cases of one operation: every authentication case, then up to `limit` in all, shared
 * among the families (`quotas`), each family's drawn in `diversified` order with the
 * operation's own stream of the seed. `derivable`: how many the catalogue holds for it.
 */
export function casesFor(base: Base, credentials: Credentials, rng: Rng, limit: number): { cases: FuzzCase[]; derivable: number } {
  const ctx: FamilyContext = { base, credentials, rng };
  const auth = authCases(ctx);
  const pools = FAMILIES.map(([, derive]) => diversified(derive(ctx), rng));
  const budget = Math.max(0, limit - auth.length);
  const shares = quotas(pools.map((p) => p.length), budget - Math.floor(budget * RECREDENTIALED));
  const drawn = pools.flatMap((pool, i) => pool.slice(0, shares[i]));
  const picked = [...auth, ...drawn, ...recredentialed(ctx, drawn, limit - auth.length - drawn.length)];
  const slug = caseSlug({ op: base.op });
  return { cases: picked.map((c, i) => ({ ...c, id: `${slug}-${i + 1}` })), derivable: auth.length + pools.reduce((n, p) => n + p.length, 0) };
}
