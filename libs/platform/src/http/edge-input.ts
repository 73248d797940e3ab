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
  const errors = [
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
