import { FieldError, ProblemError } from './problem';

/**
 * C0 and C1 control characters other than tab, line feed and carriage return, and DEL: never
 * part of a citizen's text, and U+0000 is refused by PostgreSQL text columns (a 500 before).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Deeper JSON than any endpoint takes; walking it must not exhaust the stack. */
export const MAX_JSON_DEPTH = 32;

function problemOf(text: string): string | undefined {
  if (CONTROL.test(text)) return 'must not contain control characters (only tab and line breaks are allowed)';
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Every text of a parsed value (strings and object keys) that no endpoint accepts, by field. */
export function findBadText(value: unknown, path = '', depth = 0, found: FieldError[] = []): FieldError[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    const message = problemOf(value);
    if (message) found.push({ field: path || '(body)', message });
  } else if (value !== null && typeof value === 'object') {
    if (depth >= MAX_JSON_DEPTH) {
      found.push({ field: path || '(body)', message: `must not be nested deeper than ${MAX_JSON_DEPTH} levels` });
      return found;
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    for (const [key, item] of entries) {
      if (typeof key === 'string') {
        const message = problemOf(key);
        if (message) found.push({ field: join(path, JSON.stringify(key)), message: `name ${message}` });
      }
      findBadText(item, join(path, key), depth + 1, found);
    }
  }
  return found;
}

/** Throws a 400 naming each field of body, query or path that holds text no endpoint accepts. */
export function assertCleanInput(parts: { body?: unknown; query?: unknown; params?: unknown }): void {
  const malformed = ((parts.query as Record<symbol, string[]> | undefined)?.[MALFORMED_QUERY] ?? []).map((key) => ({
    field: `query.${key}`,
    message: 'must be percent-encoded UTF-8',
  }));
  const errors = [
    ...malformed,
    ...findBadText(parts.body),
    ...findBadText(parts.query, 'query'),
    ...findBadText(parts.params, 'path'),
  ];
  if (errors.length > 0) throw ProblemError.validation(errors);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A JSON body as bytes → value: refused (400) when empty, not UTF-8 (a lone surrogate sent as
 * raw bytes would otherwise become U+FFFD without a word), not JSON, or `__proto__`-poisoned.
 */
export function parseJsonBody(raw: Buffer, parse: (text: string) => unknown): unknown {
  if (raw.length === 0) throw ProblemError.validation([{ field: '(body)', message: 'must not be empty: send a JSON value' }]);
  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    throw ProblemError.validation([{ field: '(body)', message: 'must be UTF-8' }]);
  }
  try {
    return parse(text);
  } catch (err) {
    // The parser's own message quotes the body; the caller gets the verdict, not an echo.
    const poisoned = /prototype|constructor/i.test((err as Error).message);
    throw ProblemError.validation([{ field: '(body)', message: poisoned ? 'must not set __proto__ or constructor.prototype' : 'must be valid JSON' }]);
  }
}

/** The query keys whose value (or name) was not percent-encoded UTF-8, kept on the parsed query. */
export const MALFORMED_QUERY = Symbol('malformed query keys');

function decodeComponent(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined; // a lone '%', '%ZZ', or bytes that are no UTF-8 (overlong, surrogates, > U+10FFFF)
  }
}

/**
 * The query string as fastify's parser would give it (a repeated key → an array), except that a
 * component that is not percent-encoded UTF-8 is not decoded into U+FFFD silently: its key is
 * listed under MALFORMED_QUERY for the edge to refuse with a 400 naming it.
 */
export function parseStrictQuery(query: string): Record<string | symbol, unknown> {
  const result: Record<string | symbol, unknown> = Object.create(null);
  const malformed: string[] = [];
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const rawKey = at < 0 ? pair : pair.slice(0, at);
    const key = decodeComponent(rawKey);
    const value = decodeComponent(at < 0 ? '' : pair.slice(at + 1));
    if (key === undefined || value === undefined) {
      malformed.push(key ?? rawKey);
      continue;
    }
    const existing = result[key];
    result[key] = existing === undefined ? value : ([] as unknown[]).concat(existing, value);
  }
  if (malformed.length > 0) Object.defineProperty(result, MALFORMED_QUERY, { value: malformed, enumerable: false });
  return result;
}
