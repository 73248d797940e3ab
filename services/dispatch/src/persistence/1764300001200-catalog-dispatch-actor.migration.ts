import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * Catalog dispatches were recorded with an empty dispatched_by; the actor of a step a service
 * takes on its own is `system:<service>` (vocabulary systemActor), as RequestDispatched now says.
 */
export class CatalogDispatchActor1764300001200 implements MigrationInterface {
  name = 'CatalogDispatchActor1764300001200';

  async up(q: QueryRunner): Promise<void> {
    // Forced row-level security hides every tenant's rows from a migration (no tenant is set);
    // the owner lifts the force for this one update, inside the migration's transaction.
    await acrossTenants(q, ['dispatches'], async () => {
      await q.query(`update dispatches set dispatched_by = 'system:dispatch' where mode = 'catalog' and dispatched_by = ''`);
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await acrossTenants(q, ['dispatches'], async () => {
      await q.query(`update dispatches set dispatched_by = '' where mode = 'catalog' and dispatched_by = 'system:dispatch'`);
    });
  }
}
