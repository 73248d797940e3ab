/** A JSON value as stored in an archive record (jsonb round-trips exactly these). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units) at every depth, arrays in order, no
 * whitespace. The same record always serialises to the same text, whatever order jsonb returns
 * its keys in, so its hash can be recomputed from the stored row.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Keys whose value is undefined are left out, as JSON.stringify (and so jsonb) leaves them out.
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}
