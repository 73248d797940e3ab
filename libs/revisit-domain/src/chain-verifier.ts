import { JsonValue } from './canonical-json';
import { GENESIS_HASH, recordHash } from './archive-chain';

/** One stored row of the chain, as read back (the record is whatever the store holds now). */
export interface StoredLink {
  sequence: number;
  record: JsonValue;
  previousHash: string;
  recordHash: string;
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

  verdict(): ChainVerdict {
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
