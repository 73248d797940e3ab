import { DataSource, EntityManager } from 'typeorm';
import { inTenantTransaction } from '../persistence/data-source';

/** The service's database, reachable only through tenant-scoped transactions. */
export class TenantDb {
  constructor(readonly dataSource: DataSource) {}

  run<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.dataSource, tenantId, work);
  }

  /** A read of several statements that must agree with each other: one snapshot (REPEATABLE READ). */
  read<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.dataSource, tenantId, work, 'REPEATABLE READ');
  }
}
