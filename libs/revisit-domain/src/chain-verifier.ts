import { JsonValue } from './canonical-json';
import { GENESIS_HASH, recordHash } from './archive-chain';
import { anonymisedRecordHash, isAnonymisationEntry } from './archive-anonymisation';

/** One stored row of the chain, as read back (the record is whatever the store holds now). */
export interface StoredLink {
  sequence: number;
  record: JsonValue;
  previousHash: string;
  recordHash: string;
  /**
   * Set once a retention run anonymised the record (issue 13): the seal of what is left, and the
   * sequence of the anonymisation entry that lists it. The record hash is then the original's,
   * kept for the chain; the record is checked against its seal instead.
   */
  anonymisedHash?: string | null;
  anonymisedIn?: number | null;
}

export interface ChainVerdict {
  intact: boolean;
  records: number;
  firstBrokenSequence?: number;
  reason?: string;
}

/**
 * Checks a chain link by link, in sequence order, so a caller can feed it in pages. Reports
 * the first broken link (after it the chain proves nothing) and counts every link.
 */
export class ChainVerifier {
  private count = 0;
  private lastHash = GENESIS_HASH;
  private broken?: { sequence: number; reason: string };
  /** Anonymisation entries that anonymised records named, with the first record that named each. */
  private readonly expectedEntries = new Map<number, number>();

  /** Returns false once the chain is broken (further links are only counted). */
  add(link: StoredLink): boolean {
    if (this.broken) {
      this.count += 1;
      return false;
    }
    const reason = this.check(link);
    this.count += 1;
    if (reason) {
      this.broken = { sequence: link.sequence, reason };
      return false;
    }
    this.lastHash = link.recordHash;
    return true;
  }

  /**
   * Marks the chain broken at `sequence` (unless it broke at an earlier one): for checks that need
   * more than the link, such as an anonymisation entry against the records that name it.
   */
  fail(sequence: number, reason: string): void {
    if (!this.broken || sequence < this.broken.sequence) this.broken = { sequence, reason };
  }

  /** Whether nothing is broken so far. */
  get intact(): boolean {
    return !this.broken;
  }

  verdict(): ChainVerdict {
    // A record that names an anonymisation entry past the chain's head was never sealed by one
    // (after a break nothing is checked, the entries it names included).
    const unsealed = [...this.expectedEntries.values()].sort((a, b) => a - b)[0];
    if (!this.broken && unsealed !== undefined) this.fail(unsealed, 'anonymised record names no anonymisation entry in the chain');
    if (!this.broken) return { intact: true, records: this.count };
    return { intact: false, records: this.count, firstBrokenSequence: this.broken.sequence, reason: this.broken.reason };
  }

  private check(link: StoredLink): string | undefined {
    const expected = this.count + 1;
    if (link.sequence !== expected) return `sequence ${link.sequence} found where ${expected} was expected`;
    const record = link.record;
    const recordSequence = record && typeof record === 'object' && !Array.isArray(record) ? record['sequence'] : undefined;
    if (recordSequence !== link.sequence) return 'record sequence differs from its position';
    if (link.previousHash !== this.lastHash) return 'previous hash does not match the preceding record hash';
    if (this.expectedEntries.has(link.sequence)) {
      if (!isAnonymisationEntry(record)) return 'anonymised records name this link as their anonymisation entry, which it is not';
      this.expectedEntries.delete(link.sequence);
    }
    if (link.anonymisedHash) {
      // Its content was removed on purpose: what is left must be what the retention run sealed.
      if (anonymisedRecordHash(link.recordHash, record) !== link.anonymisedHash) return 'anonymised record does not match its anonymisation hash';
      if (typeof link.anonymisedIn !== 'number' || link.anonymisedIn <= link.sequence)
        return 'anonymised record names no later anonymisation entry';
      if (!this.expectedEntries.has(link.anonymisedIn)) this.expectedEntries.set(link.anonymisedIn, link.sequence);
      return undefined;
    }
    if (recordHash(link.previousHash, record) !== link.recordHash) return 'record hash does not match its content';
    return undefined;
  }
}

/** Verifies a whole chain given in sequence order. */
export function verifyChain(links: Iterable<StoredLink>): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const link of links) verifier.add(link);
  return verifier.verdict();
}
