import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { sha256Hex } from './archive-chain';
import { canonicalJson, JsonValue } from './canonical-json';
import { FREE_TEXT_KEYS } from './free-text';

/** Format of the chain entry a retention run appends for each batch of records it anonymised. */
export const ANONYMISATION_FORMAT = 'anonymisation/1';

/** Why records were anonymised: their tenant's retention period for closed requests ended. */
export const ANONYMISATION_RETENTION_ENDED = 'retention-period-ended';

/** Where a record (or a case-file brief) holds the requester's identity: the masked forms intake sends. */
export const IDENTITY_KEYS: ReadonlySet<string> = new Set(['maskedName', 'maskedPhone']);

/**
 * Where it holds text people typed: every key masked for personal data (free-text.ts) and the
 * notes of a revisit (the hotline's finding, a judgement's note). A new free-text field of the
 * archive record belongs here too, or retention leaves it in place.
 */
// A termination's hearing record and legal route are staff text about the matter (ADR 0032).
export const ANONYMISED_TEXT_KEYS: ReadonlySet<string> = new Set([...FREE_TEXT_KEYS, 'note', 'hearingRecord', 'legalRoute']);

export interface AnonymisationScope {
  identity: boolean;
  freeText: boolean;
}

/** Every string under an anonymised key replaced by the marker, the shape kept (an array of reasons keeps its length). */
function removed(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value === '' ? value : ANONYMISED_MARKER;
  if (Array.isArray(value)) return value.map(removed);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, removed(v)]));
  return value;
}

/**
 * `value` with the requester's identity and/or the free text replaced by ANONYMISED_MARKER at
 * any depth, as the scope says; ids, codes, instants, statuses and hashes are never touched. A new
 * value; idempotent. Only strings become the marker, so the archive's guard can tell an
 * anonymisation (values removed) from a rewrite (values changed).
 */
export function anonymiseRecord<T extends JsonValue>(value: T, scope: AnonymisationScope): T {
  if (Array.isArray(value)) return value.map((item) => anonymiseRecord(item, scope)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value)) {
    const remove = (scope.identity && IDENTITY_KEYS.has(key)) || (scope.freeText && ANONYMISED_TEXT_KEYS.has(key));
    out[key] = remove ? removed(item) : anonymiseRecord(item, scope);
  }
  return out as T;
}

/**
 * The hash that seals an anonymised record: sha256_hex(record_hash + '\n' + canonicalJson(the
 * anonymised record)). The record's own hash (and so every later link) stays as it was; this one
 * binds what is left to it, and the anonymisation entry chains it.
 */
export function anonymisedRecordHash(recordHash: string, anonymised: JsonValue): string {
  return sha256Hex(`${recordHash}\n${canonicalJson(anonymised)}`);
}

/** One record of an anonymisation entry: which link, of which request, sealed with which hash. */
export type AnonymisedLink = { sequence: number; requestId: string; anonymisedHash: string };

/**
 * The chain entry of one batch of a retention run: a link like any other (verified, chained onto),
 * listing the records it anonymised with their seals, so rewriting an anonymised record later
 * means rewriting this entry, which breaks the link after it.
 */
export type AnonymisationRecord = {
  format: typeof ANONYMISATION_FORMAT;
  tenantId: string;
  sequence: number;
  anonymisedAt: string;
  runId: string;
  reason: typeof ANONYMISATION_RETENTION_ENDED;
  scope: { identity: boolean; freeText: boolean };
  records: AnonymisedLink[];
};

export function isAnonymisationEntry(record: JsonValue): record is AnonymisationRecord {
  return record !== null && typeof record === 'object' && !Array.isArray(record) && record['format'] === ANONYMISATION_FORMAT;
}

/**
 * Whether an anonymisation entry and the stored links that name it as theirs agree: the same
 * sequences, each with the seal the entry lists. Undefined when they do, else why not.
 */
export function checkAnonymisationEntry(entry: AnonymisationRecord, claimed: ReadonlyArray<{ sequence: number; anonymisedHash: string | null }>): string | undefined {
  const listed = new Map<number, string>();
  for (const r of Array.isArray(entry.records) ? entry.records : []) {
    if (typeof r?.sequence !== 'number' || r.sequence >= entry.sequence) return 'anonymisation entry lists a record that is not before it';
    listed.set(r.sequence, r.anonymisedHash);
  }
  if (claimed.length !== listed.size) return 'anonymisation entry and the records anonymised under it differ';
  for (const c of claimed) if (listed.get(c.sequence) !== c.anonymisedHash) return `anonymisation entry does not seal record ${c.sequence} as stored`;
  return undefined;
}
