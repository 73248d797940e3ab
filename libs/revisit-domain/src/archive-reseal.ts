import { ArchiveLink, chainRecord, GENESIS_HASH } from './archive-chain';
import { canonicalJson } from './canonical-json';
import { ChainVerdict, ChainVerifier, StoredLink } from './chain-verifier';
import { maskFreeText } from './free-text';

/** Format of the entry that closes a chain re-sealed after its stored records were rewritten. */
export const RESEAL_FORMAT = 'reseal/1';

/** Why a chain was re-sealed: the personal data in its records' free text was masked (issue 10). */
export const RESEAL_PERSONAL_DATA_MASKED = 'personal-data-masked';

/**
 * The chain entry that records a re-seal: which records were rewritten (ranges of sequences,
 * inclusive), and the head the chain had before, so anyone holding the earlier hashes (the
 * RequestArchived events) can tie them to the new chain. It is a link like any other: the
 * verification covers it, and every later record chains onto it.
 */
export type ResealRecord = {
  format: typeof RESEAL_FORMAT;
  tenantId: string;
  sequence: number;
  resealedAt: string;
  reason: typeof RESEAL_PERSONAL_DATA_MASKED;
  /** Who rewrote it, e.g. the migration's name. */
  resealedBy: string;
  previousHead: { sequence: number; recordHash: string };
  maskedSequences: Array<[number, number]>;
};

/** A chain that no longer verifies is not re-sealed: that would hide the tampering it proves. */
export class BrokenChainError extends Error {
  constructor(
    readonly tenantId: string,
    readonly verdict: ChainVerdict,
  ) {
    super(
      `archive chain of ${tenantId} is broken at sequence ${verdict.firstBrokenSequence} (${verdict.reason}); ` +
        'it is not re-sealed: investigate it (GET /v1/archive/verify, verify-archive) before upgrading',
    );
  }
}

/**
 * Re-seals one tenant's chain with its free text masked, link by link in sequence order (so a
 * caller can feed it in pages): each stored link is verified as it stands, its record masked, and
 * the chain recomputed from the first record that changed. `seal` then gives the entry that
 * closes the new chain.
 */
export class ChainResealer {
  private readonly verifier = new ChainVerifier();
  private head: { sequence: number; recordHash: string } | null = null;
  private newHash = GENESIS_HASH;
  private readonly masked: Array<[number, number]> = [];

  constructor(private readonly tenantId: string) {}

  /** The link as it must now be stored, or null when it stays exactly as it is. */
  next(link: StoredLink): ArchiveLink | null {
    if (!this.verifier.add(link)) throw new BrokenChainError(this.tenantId, this.verifier.verdict());
    this.head = { sequence: link.sequence, recordHash: link.recordHash };
    const record = maskFreeText(link.record);
    if (canonicalJson(record) !== canonicalJson(link.record)) this.markMasked(link.sequence);
    const next = chainRecord(this.newHash, record);
    this.newHash = next.recordHash;
    return next.recordHash === link.recordHash ? null : next;
  }

  /** The re-seal entry after the last link, or null when no record changed (the chain is left as it was). */
  seal(resealedAt: string, resealedBy: string): ArchiveLink<ResealRecord> | null {
    if (!this.head || this.masked.length === 0) return null;
    return chainRecord(this.newHash, {
      format: RESEAL_FORMAT,
      tenantId: this.tenantId,
      sequence: this.head.sequence + 1,
      resealedAt,
      reason: RESEAL_PERSONAL_DATA_MASKED,
      resealedBy,
      previousHead: { ...this.head },
      maskedSequences: this.masked.map(([from, to]): [number, number] => [from, to]),
    });
  }

  private markMasked(sequence: number): void {
    const last = this.masked.at(-1);
    if (last && last[1] === sequence - 1) last[1] = sequence;
    else this.masked.push([sequence, sequence]);
  }
}
