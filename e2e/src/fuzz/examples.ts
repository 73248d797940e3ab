import { samplePattern } from './pattern';
import type { Rng } from './random';
import { conforms, FieldPath, getAt, lowerBound, normalize, Schema, setAt, typesOf, upperBound } from './schema';

/** Harvested values for a name (a parameter or a field), best first, each satisfying `schema`. */
export type ValueSource = (name: string, schema: Schema) => unknown[];

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const isDateField = (name: string, s: Schema) =>
  s.format === 'date' || s.pattern === DATE_PATTERN || /^(from|to|since|until|date|day)$|(Date|Day|Days|From|To)$/.test(name);

/**
 * Values that should pass validation, best first: what the platform itself showed under this
 * name, the default, the enum, then values drawn from the schema (patterns sampled, bounds
 * respected). Calibration tries them in order until the platform accepts the request.
 */
export function candidatesFor(schema: Schema, name: string, source: ValueSource, parent: Rng): unknown[] {
  const s = normalize(schema);
  // Drawn from the name's own stream, so asking again gives the same candidates in the same order.
  const rng = parent.fork(`candidates:${name}`);
  const out: unknown[] = [...source(name, s)];
  if (s.default !== undefined) out.push(s.default);
  if (s.enum) out.push(...s.enum);
  if (s.const !== undefined) out.push(s.const);
  const types = typesOf(s);
  if (types.includes('string') || types.length === 0) out.push(...stringCandidates(s, name, rng));
  if (types.includes('integer') || types.includes('number')) out.push(...numberCandidates(s));
  if (types.includes('boolean')) out.push(true, false);
  if (types.includes('array')) out.push(...arrayCandidates(s, name, source, rng));
  if (types.includes('object') || s.properties) out.push(buildObject(s, source, rng));
  if (types.includes('null')) out.push(null);
  const unique: unknown[] = [];
  for (const v of out) if (!unique.some((u) => JSON.stringify(u) === JSON.stringify(v)) && conforms(v, s)) unique.push(v);
  return unique;
}

/**
 * Values of the kind a field's name says, for rules a schema cannot state (a mobile number's
 * prefix, a resident id's check digit): tried before anything drawn from the schema alone.
 */
const BY_NAME: [RegExp, string[]][] = [
  [/phone|mobile/i, ['13812345678', '025-83456789']],
  [/^idNumber$|idCard/i, ['11010519491231002X']],
  [/e-?mail/i, ['fuzz@example.org']],
  [/timeZone/i, ['Asia/Shanghai']],
  [/ur[li]$/i, ['https://example.org/']],
];

function stringCandidates(s: Schema, name: string, rng: Rng): string[] {
  const named = BY_NAME.filter(([pattern]) => pattern.test(name)).flatMap(([, values]) => values);
  return [...named, ...drawnStrings(s, name, rng)];
}

function drawnStrings(s: Schema, name: string, rng: Rng): string[] {
  if (s.format === 'uuid') return [rng.uuid()];
  if (s.format === 'date-time') return ['2026-03-02T09:30:00+08:00', new Date(Date.UTC(2026, 2, 2, 1, 30)).toISOString()];
  if (isDateField(name, s)) return ['2026-03-02', '2026-01-05', '2026-10-08'];
  if (s.pattern) {
    try {
      return [samplePattern(s.pattern, rng), samplePattern(s.pattern, rng), samplePattern(s.pattern, rng)];
    } catch {
      return [];
    }
  }
  const min = s.minLength ?? 1;
  const max = s.maxLength ?? 40;
  const fit = (text: string) => (text.length < min ? text.padEnd(min, 'x') : text).slice(0, Math.max(max, min));
  return [fit(`fz${rng.word(6)}`), fit('模糊测试 fuzz')];
}

function numberCandidates(s: Schema): number[] {
  const [low, lowOpen] = lowerBound(s);
  const [high, highOpen] = upperBound(s);
  const integer = !typesOf(s).includes('number');
  const step = integer ? 1 : 0.5;
  const out: number[] = [];
  if (low !== undefined) out.push(lowOpen ? low + step : low);
  if (high !== undefined) out.push(highOpen ? high - step : high);
  out.push(1, 0, 2026);
  return out;
}

function arrayCandidates(s: Schema, name: string, source: ValueSource, rng: Rng): unknown[][] {
  const count = Math.max(s.minItems ?? 1, 1);
  const item = normalize(s.items);
  const itemName = name.replace(/(ies|s)$/, (m) => (m === 'ies' ? 'y' : ''));
  const pool = candidatesFor(item, itemName, source, rng);
  const out: unknown[][] = [];
  if (pool.length >= count) out.push(pool.slice(0, count));
  if ((s.minItems ?? 0) === 0) out.push([]);
  return out;
}

/** An object with its required properties, and the optional ones the platform has shown values for. */
export function buildObject(schema: Schema, source: ValueSource, rng: Rng): Record<string, unknown> {
  const s = normalize(schema);
  const out: Record<string, unknown> = {};
  const properties = Object.entries(s.properties ?? {});
  for (const [name, child] of properties) {
    const required = (s.required ?? []).includes(name);
    if (!required && source(name, normalize(child)).length === 0) continue;
    const first = candidatesFor(child, name, source, rng)[0];
    if (first !== undefined) out[name] = first;
  }
  const firstOptional = properties.find(([name]) => !(s.required ?? []).includes(name));
  if (Object.keys(out).length === 0 && firstOptional) {
    const value = candidatesFor(firstOptional[1], firstOptional[0], source, rng)[0];
    if (value !== undefined) out[firstOptional[0]] = value;
  }
  return out;
}

/** The schema of the property at `path`, if the body schema has one there. */
export function schemaAt(schema: Schema, path: FieldPath): Schema | undefined {
  let at: Schema | undefined = normalize(schema);
  for (const key of path) {
    if (!at) return undefined;
    at = typeof key === 'number' ? (at.items ? normalize(at.items) : undefined) : at.properties?.[key] ? normalize(at.properties[key]) : undefined;
  }
  return at;
}

/** `entries.0.areaCode` → ['entries', 0, 'areaCode']. */
export const parseFieldName = (field: string): FieldPath =>
  field === '(body)' ? [] : field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/**
 * The body changed where the platform's 400 pointed: a named field gets its next candidate
 * (an absent one its first), an optional one with no candidates left is dropped, and keys the
 * problem calls unrecognised are removed. Undefined when nothing is left to try.
 */
export function repairBody(body: unknown, schema: Schema, fields: { field: string; message: string }[], source: ValueSource, rng: Rng): unknown {
  let next = body;
  for (const { field, message } of fields) {
    const path = parseFieldName(field);
    const unknownKeys = [...message.matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
    if (/unrecognized key/i.test(message)) {
      for (const key of unknownKeys) next = setAt(next, [...path, key], undefined);
      continue;
    }
    const fieldSchema = schemaAt(schema, path);
    if (!fieldSchema) continue;
    const name = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
    const current = getAt(next, path);
    const candidates = candidatesFor(fieldSchema, name, source, rng);
    const index = candidates.findIndex((c) => JSON.stringify(c) === JSON.stringify(current));
    const replacement = candidates[index + 1];
    const parent = schemaAt(schema, path.slice(0, -1));
    const required = typeof path[path.length - 1] !== 'string' || (parent?.required ?? []).includes(String(path[path.length - 1]));
    if (replacement !== undefined) next = setAt(next, path, replacement);
    else if (!required) next = setAt(next, path, undefined);
  }
  return JSON.stringify(next) === JSON.stringify(body) ? undefined : next;
}
