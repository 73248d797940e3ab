import { assemble, Base } from './case';
import { buildObject, candidatesFor, repairBody, ValueSource } from './examples';
import type { Harvest } from './harvest';
import { FuzzResponse, send } from './http';
import type { Identities, TokenInfo } from './identities';
import { collectionOf, Operation, operationKey } from './openapi';
import type { Rng } from './random';
import { conforms, normalize, Schema } from './schema';

export interface Calibrated {
  base: Base;
  /** The token the base request works with (undefined: a public operation). */
  right?: TokenInfo;
  /** The roles allowed: as documented (`x-roles`), or as found by trying every role. */
  allowed?: string[];
  lastStatus: number;
}

export interface CalibrationContext {
  ops: Operation[];
  identities: Identities;
  harvest: Harvest;
  rng: Rng;
  origin: (service: string) => string;
  /** Waits until the events of what was just done have been applied everywhere. */
  settle: () => Promise<void>;
  trace?: (line: string) => void;
}

const MAX_PASSES = 6;
const MAX_ATTEMPTS = 16;
const json = (res: FuzzResponse): unknown => {
  try {
    return JSON.parse(res.text);
  } catch {
    return undefined;
  }
};
const ok = (status: number) => status >= 200 && status < 300;

/**
 * Finds, for every operation, a request the platform accepts (or the closest it gets): values
 * from what the platform lists, bodies repaired field by field from its 400s, the token of a
 * role it lets in. Creating operations go first and everything is tried again after their
 * events have been applied, so later operations find the ids earlier ones produced (a submitted
 * request's work orders, an answered work order's review).
 */
export async function calibrate(ctx: CalibrationContext): Promise<Map<string, Calibrated>> {
  const { identities, harvest } = ctx;
  for (const t of identities.all) {
    harvest.seed(t.tenant, 'tenant', t.tenant);
    const unit = JSON.parse(Buffer.from(t.token.split('.')[1] ?? '', 'base64url').toString()).unit;
    if (unit) harvest.seed(t.tenant, 'unit', unit);
  }
  const done = new Map<string, Calibrated>();
  // Reads first, then the calls that create, then those that replace a tenant's configuration
  // (which, even from what GET shows of it, publish new versions the others need not see).
  const weight = (op: Operation) => (op.method === 'GET' ? 0 : op.method === 'PUT' && op.pathParams.length === 0 ? 2 : 1);
  const ordered = [...ctx.ops].sort((a, b) => weight(a) - weight(b) || a.path.length - b.path.length);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    await harvestLists(ctx);
    let progressed = false;
    for (const op of ordered) {
      const previous = done.get(operationKey(op));
      if (previous?.base.accepted && op.method !== 'GET') continue;
      const result = await calibrateOne(ctx, op);
      if (result.base.accepted && !previous?.base.accepted) progressed = true;
      done.set(operationKey(op), result);
    }
    await ctx.settle();
    if (!progressed && pass > 0) break;
  }
  for (const [key, result] of done) if (!result.base.op.roles && !result.base.op.isPublic) done.set(key, await probeRoles(ctx, result));
  return done;
}

/** Lists every collection (GETs without path parameters) as every tenant, largest page, to learn ids and codes. */
async function harvestLists(ctx: CalibrationContext): Promise<void> {
  const tenants = [...new Set(ctx.identities.all.map((t) => t.tenant))];
  const lists = ctx.ops.filter((op) => op.method === 'GET' && op.pathParams.length === 0 && !op.isPublic);
  for (const tenant of tenants) {
    for (const op of lists) {
      const source = sourceFor(ctx, op, tenant);
      const query: Record<string, string> = {};
      for (const p of op.queryParams) {
        const max = p.schema.maximum;
        if (p.name === 'limit' && max !== undefined) query[p.name] = String(max);
        else if (p.required) query[p.name] = String(candidatesFor(p.schema, p.name, source, ctx.rng)[0] ?? '');
      }
      for (const token of ctx.identities.tokensOf(tenant, op.roles)) {
        const status = await harvestPages(ctx, op, tenant, token, query);
        if (status !== 403) break;
      }
    }
  }
}

const MAX_PAGES = 20;

/** GETs a listing page after page (while pages come full), adding each to the harvest; returns the first status. */
async function harvestPages(ctx: CalibrationContext, op: Operation, tenant: string, token: TokenInfo, query: Record<string, string>): Promise<number> {
  const pageSize = Number(query['limit']);
  for (let page = 0; page < MAX_PAGES; page++) {
    const paged = page > 0 ? { ...query, offset: String(page * pageSize) } : query;
    const base: Base = { op, pathValues: {}, query: paged, pathMethods: [], accepted: false, ownTenantPath: false };
    const res = await send(ctx.origin(op.service), assemble(base, { right: ctx.identities.credential(token), garbage: [] }));
    if (!ok(res.status)) return res.status;
    const body = json(res) as { items?: unknown[] } | undefined;
    ctx.harvest.add(op.service, op.path, tenant, body, false, page);
    if (!pageSize || !op.queryParams.some((p) => p.name === 'offset') || (body?.items?.length ?? 0) < pageSize) return res.status;
  }
  return 200;
}

function sourceFor(ctx: CalibrationContext, op: Operation, tenant: string): ValueSource {
  return (name, schema) => ctx.harvest.candidates(name, { service: op.service, tenant }, schema);
}

/** Candidate values of each path parameter: joint from one record first, then one by one. */
function pathCombos(ctx: CalibrationContext, op: Operation, tenant: string): Record<string, string>[] {
  const protectedValues = new Set(ctx.identities.all.map((t) => t.tenant));
  const perParam = op.pathParams.map((p) => {
    const found = ctx.harvest
      .candidates(p.name, { service: op.service, tenant, collectionPath: collectionOf(op.path, p.name) })
      .map(String)
      .filter((v) => conforms(v, p.schema) && (op.method === 'GET' || op.isPublic || !protectedValues.has(v)));
    // Untyped parameters are often ids, years or versions.
    const fallback = [...candidatesFor(p.schema, p.name, () => [], ctx.rng), ctx.rng.uuid(), String(new Date().getUTCFullYear() + 1), '1'];
    return [...found, ...fallback].map(String);
  });
  const names = [...op.pathParams.map((p) => p.name), ...op.queryParams.filter((q) => q.required).map((q) => q.name)].filter((n) => n !== 'tenant');
  const joint = names.length > 1 ? ctx.harvest.joint(names, { service: op.service, tenant }) : undefined;
  const combos: Record<string, string>[] = [];
  if (joint) combos.push(Object.fromEntries(op.pathParams.map((p, i) => [p.name, String(joint[p.name] ?? perParam[i]?.[0])])));
  for (let i = 0; i < 3; i++) combos.push(Object.fromEntries(op.pathParams.map((p, j) => [p.name, perParam[j]?.[i] ?? perParam[j]?.[0] ?? ''])));
  return combos;
}

/** Body candidates: what GET on the same path shows (a PUT's current state), the listed items, then one built from the schema. */
function bodyCandidates(ctx: CalibrationContext, op: Operation, tenant: string): unknown[] {
  const schema = op.body?.schema;
  if (!schema) return [undefined];
  const source = sourceFor(ctx, op, tenant);
  const out: unknown[] = [];
  const shown = ctx.harvest.bodyOf(tenant, op.service, op.path);
  if (op.method === 'PUT' && shown !== undefined) out.push(shaped(shown, schema));
  const items = ctx.harvest.itemsOf(tenant, op.service, op.path);
  const arrays = Object.entries(schema.properties ?? {}).filter(([, s]) => normalize(s).items);
  if (op.method === 'PUT' && items.length > 0 && arrays.length === 1) {
    const [name, arraySchema] = arrays[0] as [string, Schema];
    const limit = normalize(arraySchema).maxItems ?? items.length;
    out.push({ [name]: shaped(items.slice(0, limit), arraySchema) });
  }
  out.push(buildObject(schema, source, ctx.rng));
  return out.filter((b, i) => out.findIndex((o) => JSON.stringify(o) === JSON.stringify(b)) === i);
}

/** A value cut to what the schema knows: unknown properties, and nulls it does not take, left out. */
function shaped(value: unknown, schema: Schema): unknown {
  const s = normalize(schema);
  if (Array.isArray(value)) return value.map((v) => shaped(v, s.items ?? {}));
  if (value === null || typeof value !== 'object' || !s.properties) return value;
  const properties = s.properties;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => properties[k] !== undefined && (v !== null || normalize(properties[k]).nullable))
      .map(([k, v]) => [k, shaped(v, properties[k] as Schema)]),
  );
}

async function calibrateOne(ctx: CalibrationContext, op: Operation): Promise<Calibrated> {
  const home = ctx.identities.homeOf(op.roles);
  const tokens: (TokenInfo | undefined)[] = op.isPublic ? [undefined] : ctx.identities.tokensOf(home, op.roles);
  const combos = pathCombos(ctx, op, home);
  const bodies = bodyCandidates(ctx, op, home);
  const source = sourceFor(ctx, op, home);
  const query = Object.fromEntries(
    op.queryParams.filter((q) => q.required).map((q) => [q.name, String(candidatesFor(q.schema, q.name, source, ctx.rng)[0] ?? '')]),
  );
  const jointQuery = ctx.harvest.joint([...op.pathParams.map((p) => p.name), ...Object.keys(query)].filter((n) => n !== 'tenant'), { service: op.service, tenant: home });
  for (const name of Object.keys(query)) if (jointQuery?.[name] !== undefined && conforms(String(jointQuery[name]), op.queryParams.find((q) => q.name === name)?.schema ?? {})) query[name] = String(jointQuery[name]);
  let [comboAt, tokenAt, bodyAt] = [0, 0, 0];
  let body = bodies[0];
  let lastStatus = 0;
  let freshTried = false;
  const pathMethods = ctx.ops.filter((o) => o.service === op.service && o.path === op.path).map((o) => o.method);
  const baseOf = (accepted: boolean): Base => ({
    op,
    pathValues: combos[Math.min(comboAt, combos.length - 1)] ?? {},
    query,
    ...(body !== undefined ? { body } : {}),
    pathMethods,
    accepted,
    ownTenantPath: false,
  });
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const token = tokens[tokenAt];
    const credentials = { ...(token ? { right: ctx.identities.credential(token) } : {}), garbage: [] };
    const res = await send(ctx.origin(op.service), assemble(baseOf(false), credentials));
    lastStatus = res.status;
    ctx.trace?.(`${operationKey(op)} as ${token?.key ?? 'nobody'} ${JSON.stringify(combos[comboAt])} ${JSON.stringify(body)?.slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`);
    if (ok(res.status)) {
      ctx.harvest.add(op.service, op.path, home, json(res), op.method !== 'GET');
      return { base: baseOf(true), ...(token ? { right: token } : {}), ...(op.roles ? { allowed: op.roles } : {}), lastStatus };
    }
    const problem = json(res) as { errors?: { field: string; message: string }[] } | undefined;
    const errors = problem?.errors ?? [];
    if (res.status === 401 || res.status === 403) {
      if (++tokenAt >= tokens.length) break;
    } else if (res.status === 400 && errors.some((e) => e.field.startsWith('path') || op.pathParams.some((p) => p.name === e.field))) {
      if (++comboAt >= combos.length) break;
    } else if (res.status === 400 && errors.length > 0 && body !== undefined) {
      const bodyErrors = errors.filter((e) => !e.field.startsWith('query') && !e.field.startsWith('header'));
      const repaired = repairBody(body, op.body?.schema ?? {}, bodyErrors.map((e) => ({ field: e.field, message: e.message })), source, ctx.rng);
      if (repaired !== undefined) body = repaired;
      else if (++bodyAt < bodies.length) body = bodies[bodyAt];
      else break;
    } else if ((res.status === 404 || res.status === 409 || res.status === 422) && comboAt + 1 < combos.length && op.pathParams.length > 0) {
      comboAt++;
    } else if ((res.status === 404 || res.status === 409 || res.status === 422) && tokenAt + 1 < tokens.length && op.pathParams.length > 0) {
      // Another unit's operator may see what this one does not.
      tokenAt++;
      comboAt = 0;
    } else if (res.status === 409 && !freshTried && op.body) {
      freshTried = true;
      body = buildObject(op.body.schema, (name, schema) => (isIdentifying(name) ? [] : source(name, schema)), ctx.rng.fork(`fresh:${attempt}`));
    } else break;
  }
  const token = tokens[tokenAt] ?? tokens[0];
  return { base: baseOf(false), ...(token ? { right: token } : {}), ...(op.roles ? { allowed: op.roles } : {}), lastStatus };
}

/** Names that identify what a creating call creates: a conflict means they must be new. */
const isIdentifying = (name: string) => /^(code|name|key|number)$|Code$/.test(name);

/** For an operation whose document states no roles: which roles it lets in, by trying every token of the home tenant. */
async function probeRoles(ctx: CalibrationContext, result: Calibrated): Promise<Calibrated> {
  const { op } = result.base;
  const allowed = new Set<string>();
  for (const token of ctx.identities.tokensOf(result.right?.tenant ?? ctx.identities.own)) {
    // A body of the wrong shape: the role check answers before validation, and nothing is written.
    const probe = { ...result.base, body: op.method === 'GET' ? undefined : [] };
    const res = await send(ctx.origin(op.service), assemble(probe, { right: ctx.identities.credential(token), garbage: [] }));
    if (res.status !== 403 && res.status !== 401) token.roles.forEach((r) => allowed.add(r));
  }
  return { ...result, allowed: [...allowed] };
}
