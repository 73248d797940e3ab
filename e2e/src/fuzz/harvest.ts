import { conforms, Schema } from './schema';

/** One object seen in a response: its scalar fields (and arrays of scalars), by name. */
interface HarvestRecord {
  service: string;
  /** The path template of the operation that answered it. */
  path: string;
  tenant: string;
  /** The collection it is a member of (`unit` for an item of GET /v1/units), if any. */
  collection?: string;
  /** Created by the fuzzer's own calls (a POST or PUT it made), not seeded by the platform. */
  fresh: boolean;
  values: Map<string, unknown[]>;
  /** The same fields as the response had them (an array stays an array). */
  raw: Record<string, unknown>;
}

export interface LookupContext {
  service: string;
  tenant: string;
  /** For a path parameter: the collection path it indexes (`/v1/work-orders`). */
  collectionPath?: string;
  /** Only records of answers on this path. */
  path?: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export const singular = (word: string) => (word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.replace(/s$/, ''));
const camelWords = (name: string) => name.split(/(?=[A-Z])|[-_]/).map((w) => w.toLowerCase());
const lastStaticSegment = (path: string) => path.split('/').filter((s) => s && !s.startsWith('{')).pop() ?? '';
export const collectionWord = (path: string) => singular(camelWords(lastStaticSegment(path)).join('-'));

/**
 * Values for parameters and fields, learnt from the platform's own answers: ids of the units,
 * work orders and reviews it lists, codes of its taxonomy, numbers of the requests the fuzzer
 * submitted. A field is matched by its name (`areaCode` ← `areaCodes` of a unit), a `…Id` by
 * the collection its word names (`primaryUnitId` ← ids of GET /v1/units), a path `{id}` by the
 * collection it indexes.
 */
export class Harvest {
  private readonly records: HarvestRecord[] = [];
  private readonly items = new Map<string, Record<string, unknown>[]>();
  private readonly bodies = new Map<string, unknown>();

  /** Records every object of a response body; `page` > 0 adds to the items of the listing's first page. */
  add(service: string, path: string, tenant: string, body: unknown, fresh: boolean, page = 0): void {
    const root = body as { items?: unknown };
    const members = Array.isArray(body) ? body : Array.isArray(root?.items) ? root.items : [body];
    const key = `${tenant} ${service} ${path}`;
    if (!fresh && page === 0) this.bodies.set(key, body);
    if (Array.isArray(body) || Array.isArray(root?.items)) {
      const objects = members.filter((m) => m !== null && typeof m === 'object') as Record<string, unknown>[];
      this.items.set(key, [...(page > 0 ? (this.items.get(key) ?? []) : []), ...objects]);
    }
    if (!Array.isArray(body) && body !== null && typeof body === 'object') this.walk(service, path, tenant, fresh, body, undefined, 0);
    for (const member of members) this.walk(service, path, tenant, fresh, member, collectionWord(path), 0);
  }

  /** A value known to the platform under this name, for this tenant. */
  seed(tenant: string, name: string, value: unknown): void {
    this.records.push({ service: '*', path: '*', tenant, fresh: false, values: new Map([[name, [value]]]), raw: { [name]: value } });
  }

  /** The items of the last listing of this path (every page of it). */
  itemsOf(tenant: string, service: string, path: string): Record<string, unknown>[] {
    return this.items.get(`${tenant} ${service} ${path}`) ?? [];
  }

  /** The last answer of a GET on this path, whole. */
  bodyOf(tenant: string, service: string, path: string): unknown {
    return this.bodies.get(`${tenant} ${service} ${path}`);
  }

  /** Candidates for a parameter or field named `name`, best first, each satisfying `schema`. */
  candidates(name: string, context: LookupContext, schema: Schema = {}, limit = 8): unknown[] {
    const scored: { score: number; order: number; value: unknown }[] = [];
    this.records.forEach((record, order) => {
      if (record.tenant !== context.tenant) return;
      const match = matchOf(name, record, context);
      if (match === undefined) return;
      const locality = record.fresh ? 0 : record.service === context.service ? 1 : record.service === '*' ? 1 : 2;
      for (const value of record.values.get(match.key) ?? [])
        scored.push({ score: match.rank * 10 + locality, order: record.fresh ? -order : order, value });
    });
    scored.sort((a, b) => a.score - b.score || a.order - b.order);
    const out: unknown[] = [];
    for (const { value } of scored) {
      if (out.length >= limit) break;
      if (!out.some((v) => JSON.stringify(v) === JSON.stringify(value)) && conforms(value, schema)) out.push(value);
    }
    return out;
  }

  /**
   * Values for several names from one record (the number and access code of one submission),
   * the fuzzer's own records first and the newest first; undefined when no record has them all.
   */
  joint(names: string[], context: LookupContext): Record<string, unknown> | undefined {
    const ordered = [...this.records].reverse().sort((a, b) => Number(b.fresh) - Number(a.fresh));
    for (const record of ordered) {
      if (record.tenant !== context.tenant || record.service !== context.service || (context.path && record.path !== context.path)) continue;
      const values: Record<string, unknown> = {};
      for (const name of names) {
        const match = matchOf(name, record, {});
        const value = match && record.raw[match.key];
        if (value === undefined || value === null) break;
        values[name] = value;
      }
      if (Object.keys(values).length === names.length) return values;
    }
    return undefined;
  }

  /** Every UUID the platform showed this tenant's callers and no other tenant's. */
  idsOnlyOf(tenant: string): Set<string> {
    const ids = (pred: (r: HarvestRecord) => boolean) =>
      new Set(this.records.filter(pred).flatMap((r) => [...r.values.values()].flat().flatMap((v) => (typeof v === 'string' ? (v.match(UUID) ?? []) : []))));
    const mine = ids((r) => r.tenant === tenant);
    const others = ids((r) => r.tenant !== tenant);
    return new Set([...mine].filter((id) => !others.has(id)));
  }

  private walk(service: string, path: string, tenant: string, fresh: boolean, value: unknown, collection: string | undefined, depth: number): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || depth > 4) return;
    const values = new Map<string, unknown[]>();
    const raw: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (isScalar(v) || (Array.isArray(v) && v.every(isScalar))) raw[key] = v;
      if (isScalar(v)) values.set(key, [v]);
      else if (Array.isArray(v) && v.every(isScalar)) values.set(key, v);
      else if (Array.isArray(v)) v.forEach((item) => this.walk(service, path, tenant, fresh, item, singular(key), depth + 1));
      else this.walk(service, path, tenant, fresh, v, singular(key), depth + 1);
    }
    this.records.push({ service, path, tenant, fresh, values, raw, ...(collection ? { collection } : {}) });
  }
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** The words that name a record's identity: `unitId` is the `id` of a unit, `categoryCode` the `code` of a category. */
const IDENTITY = /^(id|ids|code|codes|number|numbers|key|keys)$/;

/** Which key of the record serves `name`, and how good a match it is (0 best). */
function matchOf(name: string, record: HarvestRecord, context: Partial<LookupContext>): { key: string; rank: number } | undefined {
  const keys = [...record.values.keys()];
  if (name === 'id' && context.collectionPath)
    return record.service === context.service && record.collection === collectionWord(context.collectionPath) && record.values.has('id') ? { key: 'id', rank: 0 } : undefined;
  const exact = keys.find((k) => k === name || singular(k) === singular(name));
  if (exact) return { key: exact, rank: 0 };
  const words = camelWords(name);
  const last = words[words.length - 1] ?? '';
  if (record.collection) {
    const stem = words.slice(0, -1).join('-');
    const namesCollection = (c: string) => stem === c || stem.endsWith(`-${c}`);
    const own = singular(last);
    if (words.length > 1 && IDENTITY.test(last) && namesCollection(record.collection) && record.values.has(own)) return { key: own, rank: 1 };
    if (singular(name) === record.collection) {
      const identity = ['code', 'id'].find((k) => record.values.has(k));
      if (identity) return { key: identity, rank: 1 };
    }
  }
  // A one-word name may be the last word of a longer one: `code` ← `accessCode`.
  if (words.length > 1 || last === 'id' || last === 'ids') return undefined;
  const suffixed = keys.find((k) => k !== name && camelWords(k).length > 1 && camelWords(k).pop() === last);
  return suffixed ? { key: suffixed, rank: 3 } : undefined;
}
