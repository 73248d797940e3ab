import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { inTenantTransaction } from '../persistence/data-source';

// 40P01 deadlock, 40001 serialization failure: PostgreSQL rolled the whole transaction back and
// says a second run may pass. Two commands that lock a request's rows in different orders (the
// timer worker firing an order's overdue while a unit answers it) meet this now and then; a
// bounded rerun of the transaction settles it without the caller seeing a 503.
const RETRIED_SQLSTATES = new Set(['40P01', '40001']);
const MAX_RUNS = 4;

function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Reruns a whole transaction that PostgreSQL aborted as a deadlock victim or a serialization failure. */
export async function withConflictRetry<T>(transaction: () => Promise<T>, runs = MAX_RUNS): Promise<T> {
  for (let run = 1; ; run++) {
    try {
      return await transaction();
    } catch (error) {
      const code = sqlState(error);
      if (run >= runs || !code || !RETRIED_SQLSTATES.has(code)) throw error;
      // A short, growing, jittered pause so the two contenders do not meet again in step.
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** run + Math.random() * 20));
    }
  }
}

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
    return this.joined(tenantId, work) ?? withConflictRetry(() => inTenantTransaction(this.dataSource, tenantId, work));
  }

  /** A read of several statements that must agree with each other: one snapshot (REPEATABLE READ). */
  read<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.joined(tenantId, work) ?? withConflictRetry(() => inTenantTransaction(this.dataSource, tenantId, work, 'REPEATABLE READ'));
  }

  /**
   * One transaction that every `run` and `read` for the tenant inside `work` joins. Rerun whole
   * when PostgreSQL aborts it as a deadlock victim: nothing of the first run was committed.
   */
  ambient<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withConflictRetry(() =>
      inTenantTransaction(this.dataSource, tenantId, (manager) => this.current.run({ tenantId, manager }, () => work(manager))),
    );
  }

  private joined<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> | undefined {
    const ambient = this.current.getStore();
    if (!ambient) return undefined;
    if (ambient.tenantId !== tenantId) return Promise.reject(new Error(`a call of tenant ${ambient.tenantId} cannot write for ${tenantId}`));
    return work(ambient.manager);
  }
}
