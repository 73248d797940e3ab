import { EntityManager } from 'typeorm';
import { ChainVerdict, ChainVerifier } from '@hotline/revisit-domain';
import { chainPage } from './archive.repository';

const VERIFY_PAGE = 1000;

/**
 * Recomputes every hash and link of the current tenant's chain, reading it in pages by
 * sequence. Shared by GET /v1/archive/verify and the verify-archive command; run it in a
 * tenant transaction (RLS selects the chain).
 */
export async function verifyArchive(manager: EntityManager): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await chainPage(manager, after, VERIFY_PAGE);
    for (const row of rows)
      verifier.add({ sequence: Number(row.sequence), record: row.record, previousHash: row.previous_hash, recordHash: row.record_hash });
    const lastRow = rows.at(-1);
    if (!lastRow || rows.length < VERIFY_PAGE) return verifier.verdict();
    after = Number(lastRow.sequence);
  }
}
