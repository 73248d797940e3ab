import { encodeQuery, Expectation, withRawBytes } from './case';
import { buildObject, DATE_PATTERN, schemaAt } from './examples';
import type { Parameter } from './openapi';
import { CaseDraft, caseOf, FamilyContext } from './request-families';
import { conforms, Field, fieldName, FieldPath, fieldsOf, getAt, lowerBound, objectsOf, setAt, typesOf, upperBound } from './schema';
import { percentEncoded, UNICODE_CASES } from './unicode';

const WRONG_TYPES: [string, unknown][] = [
  ['a number', 1],
  ['a fraction', 1.5],
  ['a boolean', true],
  ['a string', 'text'],
  ['null', null],
  ['an object', {}],
  ['an array', []],
  ['an array of a string', ['x']],
];

/** The base body with every object above `path` present (built from its schema where the base has none). */
function withParents(ctx: FamilyContext, path: FieldPath): unknown {
  let body: unknown = ctx.base.body ?? {};
  for (let depth = 1; depth < path.length; depth++) {
    const parent = path.slice(0, depth);
    const schema = schemaAt(ctx.base.op.body?.schema ?? {}, parent);
    if (getAt(body, parent) === undefined && schema?.properties) body = setAt(body, parent, buildObject(schema, () => [], ctx.rng));
  }
  return body;
}

/** A body case that sets one field: expected refused when the result breaks the schema. */
function bodyCase(ctx: FamilyContext, family: CaseDraft['family'], field: Field, description: string, value: unknown, refused?: boolean): CaseDraft {
  const body = setAt(withParents(ctx, field.path), field.path, value);
  const schema = ctx.base.op.body?.schema ?? {};
  const expect: Expectation = refused || !conforms(body, schema) ? 'reject' : 'either';
  const name = fieldName(field.path);
  return caseOf(ctx, family, `${name}: ${description}`, { body: { json: body } }, expect, { variant: description, ...(expect === 'reject' ? { blame: name } : {}) });
}

const bodyFields = (ctx: FamilyContext) => fieldsOf(ctx.base.op.body?.schema ?? {});

/** Every field given each JSON type it does not take. */
export function wrongTypeCases(ctx: FamilyContext): CaseDraft[] {
  return bodyFields(ctx).flatMap((field) =>
    WRONG_TYPES.filter(([, value]) => !conforms(value, field.schema)).map(([label, value]) => bodyCase(ctx, 'wrong-type', field, label, value)),
  );
}

/** Every required field left out (where its parent is in the base body). */
export function missingCases(ctx: FamilyContext): CaseDraft[] {
  const base = ctx.base.body ?? {};
  return bodyFields(ctx)
    .filter((f) => f.required && getAt(base, f.path.slice(0, -1)) !== undefined && getAt(base, f.path) !== undefined)
    .map((field) => bodyCase(ctx, 'missing', field, 'missing', undefined));
}

/** An unknown property in every object; refused where the schema closes the object. */
export function extraCases(ctx: FamilyContext): CaseDraft[] {
  const schema = ctx.base.op.body?.schema ?? {};
  return objectsOf(schema).flatMap(({ path }) => {
    const field = { path: [...path, 'fuzzExtra'], schema: {}, required: false };
    return [bodyCase(ctx, 'extra', field, 'an unknown property', 'x'), bodyCase(ctx, 'extra', { ...field, path: [...path, 'k'.repeat(10_000)] }, 'a 10 000-character property name', 1)];
  });
}

/** Strings and arrays past their limits, and a string past any body limit. */
export function oversizeCases(ctx: FamilyContext): CaseDraft[] {
  const out: CaseDraft[] = [];
  for (const field of bodyFields(ctx)) {
    const types = typesOf(field.schema);
    if (types.includes('string')) {
      const max = field.schema.maxLength;
      if (max !== undefined) out.push(bodyCase(ctx, 'oversize', field, `maxLength + 1 (${max + 1})`, 'x'.repeat(max + 1)));
      out.push(bodyCase(ctx, 'oversize', field, '100 000 characters', '长'.repeat(100_000)));
      out.push(bodyCase(ctx, 'oversize', field, '3 MiB', 'x'.repeat(3 * 1024 * 1024), true));
    }
    if (types.includes('array')) {
      const item = getAt(ctx.base.body, [...field.path, 0]) ?? 'x';
      const count = field.schema.maxItems !== undefined ? field.schema.maxItems + 1 : 10_000;
      out.push(bodyCase(ctx, 'oversize', field, `${count} items`, Array.from({ length: count }, () => item)));
    }
  }
  return out;
}

/** Numbers at, just past and far past their bounds; fractions for integers; huge magnitudes. */
export function numberCases(ctx: FamilyContext): CaseDraft[] {
  const out: CaseDraft[] = [];
  for (const field of bodyFields(ctx)) {
    const types = typesOf(field.schema);
    if (!types.includes('integer') && !types.includes('number')) continue;
    const [low] = lowerBound(field.schema);
    const [high] = upperBound(field.schema);
    const values: [string, number][] = [
      ['-1', -1],
      ['0', 0],
      ['-0', -0],
      ['0.5', 0.5],
      ['2^53 + 1', 2 ** 53 + 1],
      ['1e308', 1e308],
      ['-1e308', -1e308],
      ['2^31', 2 ** 31],
    ];
    if (low !== undefined) values.push([`minimum (${low})`, low], [`minimum - 1 (${low - 1})`, low - 1]);
    if (high !== undefined) values.push([`maximum (${high})`, high], [`maximum + 1 (${high + 1})`, high + 1]);
    for (const [label, value] of values) out.push(bodyCase(ctx, 'number', field, label, value));
    const marker = `"@@FUZZ-NUMBER@@"`;
    const text = JSON.stringify(setAt(withParents(ctx, field.path), field.path, 'FUZZ')).replace('"FUZZ"', marker);
    out.push(caseOf(ctx, 'number', `${fieldName(field.path)}: 1e400 (Infinity once parsed)`, { body: { raw: Buffer.from(text.replace(marker, '1e400')) } }, 'reject', { blame: fieldName(field.path) }));
  }
  return out;
}

/** Every text field with each unicode edge case appended (raw bytes spliced into the JSON). */
export function unicodeCases(ctx: FamilyContext): CaseDraft[] {
  const out: CaseDraft[] = [];
  for (const field of bodyFields(ctx).filter((f) => typesOf(f.schema).includes('string'))) {
    const current = getAt(ctx.base.body, field.path);
    const prefix = typeof current === 'string' ? current : '';
    for (const u of UNICODE_CASES) {
      if (u.text !== undefined) {
        out.push(bodyCase(ctx, 'unicode', field, u.label, prefix + u.text, u.refused));
        continue;
      }
      const marker = '@@FUZZ-RAW@@';
      const body = setAt(withParents(ctx, field.path), field.path, `${prefix}${marker}`);
      const raw = withRawBytes(body, marker, u.bytes ?? Buffer.alloc(0));
      // Bytes that are not UTF-8 make the whole body unreadable: the body is what is to blame.
      out.push(caseOf(ctx, 'unicode', `${fieldName(field.path)}: ${u.label}`, { body: { raw } }, 'reject', { blame: '(body)', variant: u.label }));
    }
  }
  return out;
}

const NUMERIC_LOOKING = new Set(['-1', '0', '99999999999999999999', '1.5', '1e3', '0x1f', ' 1', '+1']);

/** Path parameters that are no id: wrong shape, overlong, traversal, NUL, bad percent-encoding. */
export function pathCases(ctx: FamilyContext): CaseDraft[] {
  const out: CaseDraft[] = [];
  for (const param of ctx.base.op.pathParams) {
    // An undocumented parameter may be a number the controller coerces: numeric spellings may pass.
    const numeric = !param.documented || typesOf(param.schema).some((t) => t === 'integer' || t === 'number');
    const segment = (label: string, encoded: string, blame = true) => {
      const expect: Expectation = numeric && NUMERIC_LOOKING.has(decodeURIComponentSafe(encoded)) ? 'either' : 'reject';
      out.push(caseOf(ctx, 'path', `{${param.name}}: ${label}`, { path: { [param.name]: encoded } }, expect, { variant: label, ...(blame && expect === 'reject' ? { blame: `path.${param.name}` } : {}) }));
    };
    // A PUT names what it creates or replaces (PUT /v1/alert-endpoints/{name}): a name nobody
    // holds yet may be taken; elsewhere it must be refused.
    const names = ctx.base.op.method === 'PUT';
    const fresh = (label: string, encoded: string) =>
      names ? out.push(caseOf(ctx, 'path', `{${param.name}}: ${label}`, { path: { [param.name]: encoded } }, 'either', { variant: label })) : segment(label, encoded);
    fresh('not an id', 'abc');
    fresh("nobody's uuid", ctx.rng.uuid());
    segment('uuid in upper case with braces', `%7B${ctx.rng.uuid().toUpperCase()}%7D`);
    segment('5 000 characters', 'a'.repeat(5000));
    segment('..', '..', false);
    segment('../..', '../..', false);
    segment('encoded ../', '%2e%2e%2f%2e%2e', false);
    segment('encoded slash inside', `a%2Fb`, false);
    segment('empty', '', false);
    segment('percent-encoded NUL', '%00');
    segment('NUL inside', 'a%00b');
    segment('invalid percent-encoding', '%ZZ');
    segment('lone percent', '%');
    segment('SQL', encodeURIComponent(`' or '1'='1`));
    for (const value of NUMERIC_LOOKING) segment(value, encodeURIComponent(value));
    for (const u of UNICODE_CASES) segment(u.label, percentEncoded(u));
  }
  return out;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const IMPOSSIBLE_DATES = ['2025-02-30', '2025-13-01', '2025-00-10', '2025-02-29', '2025-04-31', '2025-01-32', '2025-12-00'];
const ODD_DATES = ['2024-02-29', '0000-01-01', '9999-12-31', '2025-2-3', '20250230', '2025-02-30T00:00:00Z', 'infinity', '-infinity', 'epoch', 'today', 'allballs', '1e9'];

const isDateParam = (p: Parameter) => p.schema.pattern === DATE_PATTERN || p.schema.format === 'date' || /^(from|to|since|until|date|day)$|(Date|Day|From|To)$/.test(p.name);

/** Query values of every kind for every declared parameter, and shapes of the query string. */
export function queryCases(ctx: FamilyContext): CaseDraft[] {
  const out: CaseDraft[] = [];
  const base = ctx.base.query;
  const withQuery = (description: string, query: string, expect: Expectation, blame?: string, variant?: string) =>
    out.push(
      caseOf(ctx, 'query', description, { query }, expect, { variant: variant ?? description.replace(/^[^=\s]+[=\s]/, ''), ...(blame && expect === 'reject' ? { blame } : {}) }),
    );
  for (const param of ctx.base.op.queryParams) {
    const blame = `query.${param.name}`;
    const others = Object.fromEntries(Object.entries(base).filter(([k]) => k !== param.name));
    const set = (encoded: string) => [encodeQuery(others), `${encodeURIComponent(param.name)}=${encoded}`].filter(Boolean).join('&');
    // `own`: a variant of this parameter alone, so every parameter gets it before any variant repeats.
    const value = (label: string, raw: string, expect: Expectation, own = false) =>
      withQuery(`${param.name}=${label}`, set(encodeURIComponent(raw)), expect, blame, own ? `${param.name}=${label}` : undefined);
    const types = typesOf(param.schema);
    const strictly = (raw: string): Expectation => (conforms(raw, param.schema) ? 'either' : 'reject');
    if (types.includes('integer') || types.includes('number')) {
      const [low] = lowerBound(param.schema);
      const [high] = upperBound(param.schema);
      for (const raw of ['abc', '1.5', 'NaN', 'Infinity']) value(raw, raw, 'reject');
      // Past a 32-bit and a 64-bit column: each parameter its own, a cast in SQL being the classic 500.
      for (const raw of ['2147483648', '99999999999999999999']) value(raw, raw, conforms(Number(raw), param.schema) ? 'either' : 'reject', true);
      for (const raw of ['-1', '0', '1e3', '0x10', ' 1', '+1', '', '-0']) value(JSON.stringify(raw), raw, 'either');
      if (low !== undefined) value(`minimum - 1 (${low - 1})`, String(low - 1), 'reject');
      if (high !== undefined) value(`maximum + 1 (${high + 1})`, String(high + 1), 'reject');
    } else if (param.schema.enum) {
      const first = String(param.schema.enum[0]);
      value('not in the enum', 'not-a-value', 'reject');
      value('enum in upper case', first.toUpperCase(), strictly(first.toUpperCase()));
      value('enum with a trailing space', `${first} `, 'reject');
      value('empty', '', 'either');
    } else {
      if (param.schema.pattern) value('breaking the pattern', 'x!', strictly('x!'));
      value('10 000 characters', 'q'.repeat(10_000), strictly('q'.repeat(10_000)));
      value('empty', '', 'either');
    }
    if (isDateParam(param)) {
      IMPOSSIBLE_DATES.forEach((raw, i) => value(`impossible date ${raw}`, raw, 'reject', i === 0));
      for (const raw of ODD_DATES) value(raw, raw, 'either');
    }
    for (const u of UNICODE_CASES) withQuery(`${param.name}=${u.label}`, set(percentEncoded(u)), u.refused ? 'reject' : 'either', blame);
    withQuery(`${param.name} repeated`, `${set('1')}&${encodeURIComponent(param.name)}=2`, 'either');
    withQuery(`${param.name}[]=1`, [encodeQuery(others), `${param.name}[]=1`].filter(Boolean).join('&'), 'either');
    withQuery(`${param.name}[a]=1`, [encodeQuery(others), `${param.name}[a]=1&${param.name}[b]=2`].filter(Boolean).join('&'), 'either');
    withQuery(`${param.name} with invalid percent-encoding`, set('%ZZ'), 'either');
  }
  const baseQuery = encodeQuery(base);
  const and = (extra: string) => [baseQuery, extra].filter(Boolean).join('&');
  withQuery('an unknown parameter', and('fuzz=1'), 'either');
  withQuery('a NUL in a parameter name', and('a%00b=1'), 'either');
  withQuery('only separators', and('&&=&='), 'either');
  withQuery('__proto__ parameter', and('__proto__=1&constructor[prototype]=1'), 'either');
  withQuery('a 12 KiB query string', and(`fuzz=${'q'.repeat(12 * 1024)}`), 'either');
  return out;
}
