import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * One default counting (vocabulary DEFAULT_COUNTING, 自次日起): a stored rule names a counting
 * only when the tenant chose one. The code before this migration wrote its own default,
 * 'from-receipt', into every working-days rule that named none, so no stored 'from-receipt'
 * records a tenant's choice: they become NULL and take the default. A tenant that counts 含本数
 * sets it again on its rules.
 */
export class DefaultCounting1764300001100 implements MigrationInterface {
  name = 'DefaultCounting1764300001100';

  async up(q: QueryRunner): Promise<void> {
    // Every tenant's rows at once: the owner lifts the forced policy for this transaction only.
    await acrossTenants(q, ['time_limits'], async () => {
      await q.query(`update time_limits set sign_counting = null where sign_counting = 'from-receipt'`);
      await q.query(`update time_limits set handle_counting = null where handle_counting = 'from-receipt'`);
    });
  }

  async down(): Promise<void> {
    // The rows no longer say which 'from-receipt' were written by the old default; nothing to restore.
  }
}
