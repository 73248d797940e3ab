import { EntityManager } from 'typeorm';
import { ChainVerdict, ChainVerifier, checkAnonymisationEntry, isAnonymisationEntry } from '@hotline/revisit-domain';
import { chainPage, linksAnonymisedIn } from './archive.repository';

const VERIFY_PAGE = 1000;

/**
 * Recomputes every hash and link of the current tenant's chain, reading it in pages by
 * sequence. A record a retention run anonymised is checked against its seal instead of its
 * (original) record hash, and each anonymisation entry against the records that name it, so
 * the chain verifies after a retention run and a tampered record, anonymised or not, still
 * breaks it. Shared by GET /v1/archive/verify and the verify-archive command; run it in a
 * tenant transaction (RLS selects the chain).
 */
export async function verifyArchive(manager: EntityManager): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await chainPage(manager, after, VERIFY_PAGE);
    for (const row of rows) {
      const sequence = Number(row.sequence);
      verifier.add({
        sequence,
        record: row.record,
        previousHash: row.previous_hash,
        recordHash: row.record_hash,
        anonymisedHash: row.anonymised_hash,
        anonymisedIn: row.anonymised_in === null ? null : Number(row.anonymised_in),
      });
      if (verifier.intact && isAnonymisationEntry(row.record)) {
        const reason = checkAnonymisationEntry(row.record, await linksAnonymisedIn(manager, sequence));
        if (reason) verifier.fail(sequence, reason);
      }
    }
    const lastRow = rows.at(-1);
    if (!lastRow || rows.length < VERIFY_PAGE) return verifier.verdict();
    after = Number(lastRow.sequence);
  }
}
