import { createHash } from 'node:crypto';
import { canonicalJson, JsonValue } from './canonical-json';

export const SATISFACTIONS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const REVISIT_METHODS = ['phone', 'sms', 'online'] as const;
export type RevisitMethod = (typeof REVISIT_METHODS)[number];

/** Previous hash of a tenant's first record. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ArchivedReview {
  workOrderId: string;
  passed: boolean;
  reasons: string[];
}

/**
 * What the archive keeps of a closed request. The answer is kept as its SHA-256 only, so the
 * chain proves which text was final without copying it (and whatever personal data it holds).
 */
export interface ArchiveRecord {
  tenantId: string;
  sequence: number;
  requestId: string;
  archivedAt: string;
  closedAt: string;
  resolved: boolean;
  satisfaction: Satisfaction;
  method: RevisitMethod;
  primaryUnitId: string;
  reviews: ArchivedReview[];
  answerSha256: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** record_hash = sha256_hex(previous_hash + '\n' + canonicalJson(record)). */
export function recordHash(previousHash: string, record: ArchiveRecord | JsonValue): string {
  return sha256Hex(`${previousHash}\n${canonicalJson(record as JsonValue)}`);
}

export interface ArchiveLink {
  record: ArchiveRecord;
  previousHash: string;
  recordHash: string;
}

/** The next link of a chain whose last hash is `previousHash` (GENESIS_HASH for the first). */
export function chainRecord(previousHash: string, record: ArchiveRecord): ArchiveLink {
  return { record, previousHash, recordHash: recordHash(previousHash, record) };
}
