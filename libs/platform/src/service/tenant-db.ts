import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { inTenantTransaction } from '../persistence/data-source';

interface Ambient {
  tenantId: string;
  manager: EntityManager;
}

/**
 * The service's database, reachable only through tenant-scoped transactions. Inside `ambient`
 * (the idempotent-call interceptor opens one around a whole HTTP call), `run` and `read` join
 * that transaction instead of opening their own, so the call's writes and its stored outcome
 * commit together.
 */
export class TenantDb {
  private readonly current = new AsyncLocalStorage<Ambient>();

  constructor(readonly dataSource: DataSource) {}

  run<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.joined(tenantId, work) ?? inTenantTransaction(this.dataSource, tenantId, work);
  }

  /** A read of several statements that must agree with each other: one snapshot (REPEATABLE READ). */
  read<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.joined(tenantId, work) ?? inTenantTransaction(this.dataSource, tenantId, work, 'REPEATABLE READ');
  }

  /** One transaction that every `run` and `read` for the tenant inside `work` joins. */
  ambient<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.dataSource, tenantId, (manager) => this.current.run({ tenantId, manager }, () => work(manager)));
  }

  private joined<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> | undefined {
    const ambient = this.current.getStore();
    if (!ambient) return undefined;
    if (ambient.tenantId !== tenantId) return Promise.reject(new Error(`a call of tenant ${ambient.tenantId} cannot write for ${tenantId}`));
    return work(ambient.manager);
  }
}
