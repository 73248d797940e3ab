import { maskPersonalData } from '@hotline/privacy';
import type { JsonValue } from './canonical-json';

/**
 * Where revisit keeps text people typed, in its case file and in every archive format (the early
 * summaries, case-file/2): the citizen's title and content, the unit's answer, basis and contact
 * record, intake's closure detail, the reviewer's reasons. Only these keys are masked: ids,
 * request numbers, instants and hashes elsewhere in a record are never touched.
 */
export const FREE_TEXT_KEYS: ReadonlySet<string> = new Set(['title', 'content', 'answer', 'basis', 'contactRecord', 'detail', 'reasons']);

function maskText(value: JsonValue): JsonValue {
  if (typeof value === 'string') return maskPersonalData(value);
  if (Array.isArray(value)) return value.map(maskText);
  return value;
}

/**
 * `value` with the personal data (phones, id numbers, bank cards, e-mails) in its free text
 * masked, at any depth; a new value, the input is left as it was. Masking is idempotent, so a
 * copy that arrives masked stays the same.
 */
export function maskFreeText<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => maskFreeText(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value))
    out[key] = FREE_TEXT_KEYS.has(key) ? maskText(item) : maskFreeText(item);
  return out as T;
}
