import { createHash } from 'node:crypto';
import { canonicalJson, JsonValue } from './canonical-json';

/** Previous hash of a tenant's first record. */
export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * record_hash = sha256_hex(previous_hash + '\n' + canonicalJson(record)). Any record shape
 * hashes the same way, so records of every format (the early summaries, the case files) form
 * one chain and verify alike.
 */
export function recordHash(previousHash: string, record: JsonValue): string {
  return sha256Hex(`${previousHash}\n${canonicalJson(record)}`);
}

export interface ArchiveLink<R extends JsonValue = JsonValue> {
  record: R;
  previousHash: string;
  recordHash: string;
}

/** The next link of a chain whose last hash is `previousHash` (GENESIS_HASH for the first). */
export function chainRecord<R extends JsonValue>(previousHash: string, record: R): ArchiveLink<R> {
  return { record, previousHash, recordHash: recordHash(previousHash, record) };
}
