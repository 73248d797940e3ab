import { QueryRunner } from 'typeorm';

/**
 * Runs a data migration over every tenant's rows. Row-level security is forced on tenant tables
 * (ADR 0003), so even their owner sees no row while no tenant is set; the owner (the migrating
 * role) is exempted for this migration's transaction only, and the policy is forced again
 * before it commits. Migrations run in one transaction, so a failure restores both.
 */
export async function acrossTenants(q: QueryRunner, tables: readonly string[], work: () => Promise<void>): Promise<void> {
  for (const table of tables) await q.query(`alter table "${table}" no force row level security`);
  await work();
  for (const table of tables) await q.query(`alter table "${table}" force row level security`);
}
