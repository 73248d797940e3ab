/** The part of OpenAPI 3.0 schemas the services' documents use (zod-to-json-schema, openApi3). */
export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  multipleOf?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  nullable?: boolean;
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  not?: Schema;
  description?: string;
}

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

const isNothing = (s: Schema) => s.not !== undefined && Object.keys(s.not).length === 0;

/**
 * The schema with zod's optional wrapper (`anyOf: [{ not: {} }, X]`) and single-branch
 * combinators removed, and allOf merged: what a value must satisfy when it is present.
 */
export function normalize(schema: Schema | undefined): Schema {
  if (!schema) return {};
  const branches = (schema.anyOf ?? schema.oneOf)?.filter((b) => !isNothing(b));
  if (branches && branches.length === 1) return normalize({ ...strip(schema), ...(branches[0] as Schema) });
  if (schema.allOf) return normalize(schema.allOf.reduce<Schema>((merged, part) => ({ ...merged, ...part }), strip(schema)));
  return schema;
}

function strip(schema: Schema): Schema {
  const { anyOf: _a, oneOf: _o, allOf: _l, ...rest } = schema;
  return rest;
}

/** The JSON types a value may have; empty: anything. */
export function typesOf(schema: Schema): JsonType[] {
  const s = normalize(schema);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return [...new Set(branches.flatMap(typesOf))];
  const declared = ([] as string[]).concat(s.type ?? []) as JsonType[];
  if (declared.length === 0 && s.properties) declared.push('object');
  if (declared.length === 0 && s.enum) declared.push(...new Set(s.enum.map(jsonTypeOf)));
  if (s.nullable && declared.length > 0) declared.push('null');
  return declared;
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a value satisfies what the schema says (the checks a document can state). */
export function conforms(value: unknown, schema: Schema): boolean {
  const s = normalize(schema);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return branches.some((b) => !isNothing(b) && conforms(value, b));
  const types = typesOf(s);
  const type = jsonTypeOf(value);
  if (types.length > 0 && !types.includes(type) && !(type === 'integer' && types.includes('number'))) return false;
  if (s.enum && !s.enum.some((e) => e === value)) return false;
  if (s.const !== undefined && s.const !== value) return false;
  if (typeof value === 'string') return stringConforms(value, s);
  if (typeof value === 'number') return numberConforms(value, s);
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) return false;
    if (s.maxItems !== undefined && value.length > s.maxItems) return false;
    return value.every((v) => conforms(v, s.items ?? {}));
  }
  if (type === 'object') {
    const record = value as Record<string, unknown>;
    if ((s.required ?? []).some((k) => !(k in record))) return false;
    for (const [k, v] of Object.entries(record)) {
      const property = s.properties?.[k];
      if (property) {
        if (!conforms(v, property)) return false;
      } else if (s.additionalProperties === false) return false;
    }
  }
  return true;
}

function stringConforms(value: string, s: Schema): boolean {
  if (s.minLength !== undefined && value.length < s.minLength) return false;
  if (s.maxLength !== undefined && value.length > s.maxLength) return false;
  if (s.pattern !== undefined && !new RegExp(s.pattern).test(value)) return false;
  if (s.format === 'uuid' && !UUID.test(value)) return false;
  if (s.format === 'date-time' && !(DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))) return false;
  return true;
}

function numberConforms(value: number, s: Schema): boolean {
  const [low, lowOpen] = lowerBound(s);
  const [high, highOpen] = upperBound(s);
  if (low !== undefined && (lowOpen ? value <= low : value < low)) return false;
  if (high !== undefined && (highOpen ? value >= high : value > high)) return false;
  if (typesOf(s).includes('integer') && !typesOf(s).includes('number') && !Number.isInteger(value)) return false;
  return true;
}

/** The lower bound and whether it is exclusive (OpenAPI 3.0 boolean or 3.1 number form). */
export function lowerBound(s: Schema): [number | undefined, boolean] {
  if (typeof s.exclusiveMinimum === 'number') return [s.exclusiveMinimum, true];
  return [s.minimum, s.exclusiveMinimum === true];
}

export function upperBound(s: Schema): [number | undefined, boolean] {
  if (typeof s.exclusiveMaximum === 'number') return [s.exclusiveMaximum, true];
  return [s.maximum, s.exclusiveMaximum === true];
}

export type FieldPath = (string | number)[];

export interface Field {
  path: FieldPath;
  schema: Schema;
  /** Required by its parent object. */
  required: boolean;
}

/** Every property of a body schema, depth first; array items appear once, at index 0. */
export function fieldsOf(schema: Schema, path: FieldPath = [], depth = 0): Field[] {
  const s = normalize(schema);
  if (depth > 6) return [];
  const out: Field[] = [];
  if (s.properties) {
    for (const [name, child] of Object.entries(s.properties)) {
      const childPath = [...path, name];
      out.push({ path: childPath, schema: normalize(child), required: (s.required ?? []).includes(name) });
      out.push(...fieldsOf(child, childPath, depth + 1));
    }
  }
  if (s.items) out.push(...fieldsOf(s.items, [...path, 0], depth + 1));
  return out;
}

/** Every object in a body schema (the root included), where extra properties can be tried. */
export function objectsOf(schema: Schema, path: FieldPath = [], depth = 0): { path: FieldPath }[] {
  const s = normalize(schema);
  if (depth > 6) return [];
  const here = s.properties ? [{ path }] : [];
  const children = Object.entries(s.properties ?? {}).flatMap(([name, child]) => objectsOf(child, [...path, name], depth + 1));
  return [...here, ...children, ...(s.items ? objectsOf(s.items, [...path, 0], depth + 1) : [])];
}

/** A field path the way the services' problems name it: `requester.name`, `entries.0.areaCode`. */
export const fieldName = (path: FieldPath) => (path.length === 0 ? '(body)' : path.join('.'));

export function getAt(value: unknown, path: FieldPath): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** A deep copy of `value` with `path` set (or removed, for `undefined`), creating parents. */
export function setAt(value: unknown, path: FieldPath, next: unknown): unknown {
  if (path.length === 0) return next;
  const [key, ...rest] = path as [string | number, ...FieldPath];
  const base: Record<string | number, unknown> | unknown[] =
    Array.isArray(value) ? [...value] : value !== null && typeof value === 'object' ? { ...(value as object) } : typeof key === 'number' ? [] : {};
  const child = setAt((base as Record<string | number, unknown>)[key], rest, next);
  if (child === undefined && rest.length === 0) {
    if (Array.isArray(base)) base.splice(Number(key), 1);
    else delete (base as Record<string, unknown>)[key];
  } else (base as Record<string | number, unknown>)[key] = child;
  return base;
}
