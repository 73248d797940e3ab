import type { DataSource, EntityManager } from 'typeorm';
import { Events, intakeEventsV1 } from '@hotline/contracts';
import { isTenantKind, isTenantStatus, TenantKind, TenantStatus } from '@hotline/vocabulary';
import { onEvent } from '../messaging/event-handlers';

export interface DirectoryTenant {
  code: string;
  name: string;
  kind: TenantKind;
  regionCode: string;
  timeZone: string;
  status: TenantStatus;
  createdAt: Date;
  changedAt: Date;
  changedBy: string;
}

interface Row {
  code: string;
  name: string;
  kind: TenantKind;
  region_code: string;
  time_zone: string;
  status: TenantStatus;
  created_at: Date;
  changed_at: Date;
  changed_by: string;
}

const toTenant = (r: Row): DirectoryTenant => ({
  code: r.code,
  name: r.name,
  kind: r.kind,
  regionCode: r.region_code,
  timeZone: r.time_zone,
  status: r.status,
  createdAt: r.created_at,
  changedAt: r.changed_at,
  changedBy: r.changed_by,
});

/** How long a snapshot of the statuses is trusted before the table is read again (a suspension takes effect within it). */
export const DIRECTORY_CACHE_MS = 5_000;

/**
 * The tenants this service knows (its `tenant_directory`, kept from intake's TenantChanged),
 * for authorising callers: only an active tenant's tokens are accepted.
 *
 * Statuses come from a snapshot of the whole (small) table, loaded before the service serves
 * (`load`) and refreshed in the background once it is older than DIRECTORY_CACHE_MS, with one
 * refresh in flight at a time; a call waits only for a tenant missing from a stale snapshot. A
 * call never holds a connection while waiting on another: an idempotent call keeps its
 * transaction open through its handler, and with every pooled connection held by such calls a
 * per-call lookup on a cache miss waited for a connection that none of them would release.
 */
export class TenantDirectory {
  private snapshot = new Map<string, TenantStatus>();
  private loadedAt = 0;
  private refreshing: Promise<void> | undefined;
  /** Bumped by forget(): a read that began before it cannot make the snapshot fresh. */
  private generation = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** Reads the whole directory now (the service calls it before it serves). */
  load(): Promise<void> {
    const generation = this.generation;
    this.refreshing ??= this.dataSource
      .query(`select code, status from tenant_directory`)
      .then((rows: Array<{ code: string; status: TenantStatus }>) => {
        this.snapshot = new Map(rows.map((r) => [r.code, r.status]));
        this.loadedAt = generation === this.generation ? Date.now() : 0;
      })
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  async isActive(code: string): Promise<boolean> {
    return (await this.status(code)) === 'active';
  }

  async status(code: string): Promise<TenantStatus | undefined> {
    const fresh = Date.now() - this.loadedAt < DIRECTORY_CACHE_MS;
    if (fresh) return this.snapshot.get(code);
    const known = this.snapshot.get(code);
    if (known !== undefined) {
      // Stale but known: answer from the snapshot, refresh behind it (a failure keeps the old one).
      this.load().catch(() => undefined);
      return known;
    }
    await this.load();
    return this.snapshot.get(code);
  }

  async find(code: string, manager?: EntityManager): Promise<DirectoryTenant | undefined> {
    const [row]: Row[] = await (manager ?? this.dataSource).query(`select * from tenant_directory where code = $1`, [code]);
    return row ? toTenant(row) : undefined;
  }

  async list(manager?: EntityManager): Promise<DirectoryTenant[]> {
    const rows: Row[] = await (manager ?? this.dataSource).query(`select * from tenant_directory order by kind desc, code`);
    return rows.map(toTenant);
  }

  /** Forgets what it knew of a tenant (this process changed it, or its TenantChanged arrived): the next call reads the table. */
  forget(code: string): void {
    this.snapshot.delete(code);
    this.loadedAt = 0;
    this.generation++;
  }
}

/**
 * Writes a tenant into the directory unless a newer change of it is there already (events of
 * one tenant come in order, but a replay may bring an older one).
 */
export async function upsertDirectoryTenant(manager: EntityManager, t: DirectoryTenant): Promise<void> {
  await manager.query(
    `insert into tenant_directory (code, name, kind, region_code, time_zone, status, created_at, changed_at, changed_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (code) do update set
       name = excluded.name, kind = excluded.kind, region_code = excluded.region_code, time_zone = excluded.time_zone,
       status = excluded.status, changed_at = excluded.changed_at, changed_by = excluded.changed_by
     where tenant_directory.changed_at <= excluded.changed_at`,
    [t.code, t.name, t.kind, t.regionCode, t.timeZone, t.status, t.createdAt, t.changedAt, t.changedBy],
  );
}

/** The directory entry a TenantChanged event describes; undefined when it is unusable. */
export function directoryTenantOf(e: intakeEventsV1.TenantChanged): DirectoryTenant | undefined {
  const t = e.tenant;
  if (!t?.code || !isTenantKind(t.kind) || !isTenantStatus(t.status)) return undefined;
  const changedAt = new Date(e.changedAt);
  const createdAt = new Date(t.createdAt);
  return {
    code: t.code,
    name: t.name,
    kind: t.kind,
    regionCode: t.regionCode,
    timeZone: t.timeZone || 'Asia/Shanghai',
    status: t.status,
    createdAt: Number.isNaN(createdAt.getTime()) ? new Date() : createdAt,
    changedAt: Number.isNaN(changedAt.getTime()) ? new Date() : changedAt,
    changedBy: e.changedBy,
  };
}

/**
 * Every service keeps its directory from intake's TenantChanged (durable consumer
 * `<service>--hl-intake-v1--tenant-directory`); the platform adds this handler to each service.
 */
export const onTenantChanged = onEvent(Events.intake.tenantChanged, 'tenant-directory', async (event, manager, ctx) => {
  const tenant = directoryTenantOf(event.payload);
  if (!tenant) throw new Error('TenantChanged without a usable tenant (code, kind, status)');
  await upsertDirectoryTenant(manager, tenant);
  ctx.tenants.forget(tenant.code);
});
