import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants, uuidv7 } from '@hotline/platform';
import { ChainResealer, JsonValue } from '@hotline/revisit-domain';

const BATCH = 500;

interface StoredRow {
  sequence: string;
  record: JsonValue;
  previous_hash: string;
  record_hash: string;
}

/**
 * Archived records written before revisit masked what it copies (issue 10) may hold clear phones
 * and id numbers in their free text: the early summaries in their reviewers' reasons, the case
 * files in titles, contents, answers, bases, contact records, reasons and intake's closure detail.
 * Each tenant's chain is verified as it stands, its records masked, the chain recomputed from the
 * first record that changed, and closed by a re-seal entry (format reseal/1: the sequences
 * rewritten and the previous head's hash), so the verification passes and the rewrite shows in
 * the chain itself. A chain with nothing to mask is left exactly as it is. A broken chain stops
 * the upgrade (BrokenChainError): re-sealing it would hide the tampering it proves.
 *
 * The append-only guard (ArchiveAppendOnly1764300001420) is lifted for this migration's
 * transaction only, by the table's owner, as ADR 0011 foresees. A re-seal entry is about no
 * request: request_id becomes nullable.
 */
export class ArchiveResealed1764300003210 implements MigrationInterface {
  name = 'ArchiveResealed1764300003210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table archive_records alter column request_id drop not null`);
    await acrossTenants(q, ['archive_records'], async () => {
      await q.query(`alter table archive_records disable trigger archive_records_no_change`);
      const tenants: Array<{ tenant_id: string }> = await q.query(`select distinct tenant_id from archive_records order by tenant_id`);
      for (const { tenant_id } of tenants) await this.reseal(q, tenant_id);
      await q.query(`alter table archive_records enable trigger archive_records_no_change`);
    });
  }

  async down(): Promise<void> {
    // The chain only grows: the masked records and the re-seal entry stay. The earlier release
    // verifies and extends the re-sealed chain as it is (any record shape hashes the same way).
  }

  private async reseal(q: QueryRunner, tenantId: string): Promise<void> {
    const resealer = new ChainResealer(tenantId);
    for (let after = 0; ; ) {
      const rows: StoredRow[] = await q.query(
        `select sequence, record, previous_hash, record_hash from archive_records
         where tenant_id = $1 and sequence > $2 order by sequence limit $3`,
        [tenantId, after, BATCH],
      );
      const rewritten = rows.flatMap((row) => {
        const sequence = Number(row.sequence);
        const next = resealer.next({ sequence, record: row.record, previousHash: row.previous_hash, recordHash: row.record_hash });
        return next ? [{ sequence, ...next }] : [];
      });
      if (rewritten.length > 0)
        await q.query(
          `update archive_records a set record = v.record, previous_hash = v.previous_hash, record_hash = v.record_hash
           from unnest($2::bigint[], $3::jsonb[], $4::text[], $5::text[]) as v(sequence, record, previous_hash, record_hash)
           where a.tenant_id = $1 and a.sequence = v.sequence`,
          [
            tenantId,
            rewritten.map((l) => l.sequence),
            rewritten.map((l) => JSON.stringify(l.record)),
            rewritten.map((l) => l.previousHash),
            rewritten.map((l) => l.recordHash),
          ],
        );
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) break;
      after = Number(last.sequence);
    }
    const archivedAt = new Date();
    const seal = resealer.seal(archivedAt.toISOString(), `upgrade:${this.name}`);
    if (!seal) return;
    await q.query(
      `insert into archive_records (tenant_id, sequence, archive_id, request_id, record, previous_hash, record_hash, archived_at)
       values ($1, $2, $3, null, $4, $5, $6, $7)`,
      [tenantId, seal.record.sequence, uuidv7(), JSON.stringify(seal.record), seal.previousHash, seal.recordHash, archivedAt],
    );
  }
}
