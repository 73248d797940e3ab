import { hostname } from 'node:os';
import type { EntityManager } from 'typeorm';
import { BackgroundLoop, BackgroundWorker, DueTimer, isUuid, leaseDueTimers, ServiceContext, Timers } from '@hotline/platform';
import { Attachments } from './attachments';
import type { AttachmentOwner } from './records';
import type { AttachmentStorage } from './storage';

// Erasure of attachment bytes at the end of a request's retention period (ADR 0033). A store's
// delete is no part of a database transaction, so it is split in two: the consumer of
// RequestAnonymised marks the rows erased and schedules one durable timer per file in its inbox
// transaction; this worker leases the due timers and deletes the bytes outside any transaction,
// retrying with backoff until the store says yes. Deleting what is already gone is done.

/** The timer of one file's erasure; its key is the attachment id. */
export const ATTACHMENT_ERASURE_TIMER = 'attachment-erasure';

/** Deletes in flight at once, and of one tenant (a retention run of one city leaves room for the others). */
const CONCURRENCY = 4;
const TENANT_CONCURRENCY = 2;
/** How long a leased erasure is the worker's: several times the S3 store's 30 s time-out, so a slow delete is not taken twice. */
const LEASE_MS = 120_000;
/** The longest wait between two attempts: a store down for a day is tried every hour, never given up. */
const MAX_RETRY_DELAY_S = 3600;
/** The shortest wait between two looks at the timers: an erasure may wait a second, the service's clocks poll as often as they need. */
const POLL_FLOOR_MS = 1000;

/** The wait after the n-th failed delete: 2 s, 4 s, 8 s … doubling up to an hour. */
export function erasureRetryDelaySeconds(failures: number): number {
  return Math.min(MAX_RETRY_DELAY_S, 2 ** Math.max(1, Math.min(failures, 12)));
}

/**
 * Marks the owners' attachments erased (`erased_at`, from now on refused as 410) and schedules
 * the deletion of each one's bytes, in the caller's tenant transaction. Files already erased are
 * left as they are (a second RequestAnonymised schedules nothing). Returns the ids newly erased.
 */
export async function eraseAttachmentsOf(manager: EntityManager, tenantId: string, owners: readonly AttachmentOwner[], at: Date): Promise<string[]> {
  if (owners.length === 0) return [];
  // Selected from the update (a bare UPDATE … RETURNING comes back from TypeORM as [rows, count]).
  const rows: Array<{ id: string }> = await manager.query(
    `with erased as (
       update attachments set erased_at = $3
        where erased_at is null and (owner_kind, owner_id) in (select * from unnest($1::text[], $2::uuid[]))
       returning id)
     select id from erased order by id`,
    [owners.map((o) => o.kind), owners.map((o) => o.id), at],
  );
  const ids = rows.map((r) => r.id);
  const dueAt = new Date();
  await Timers.apply(manager, {
    schedule: ids.map((id) => ({ tenantId, kind: ATTACHMENT_ERASURE_TIMER, key: id, dueAt, payload: { attachmentId: id } })),
    cancel: [],
  });
  return ids;
}

/**
 * Deletes the bytes of erased attachments from the store, on the durable timers: a pass leases
 * due erasure timers (FOR UPDATE SKIP LOCKED across tenants, so replicas share them), and each
 * runs on its own: read the key (a tenant transaction), delete from the store (outside any
 * transaction), mark the timer fired — or, when the store fails, move it on by the backoff with
 * the error kept in `last_error`. So a slow or dead store holds only its own slots, never a
 * transaction or the service's business timers; the main timer worker never fires this kind (it
 * is in no service's `timers`). A crash between the delete and the mark lets the lease run out,
 * and the delete is made again, finding nothing: done.
 */
export class AttachmentErasureWorker implements BackgroundWorker {
  readonly name = 'attachment erasure';
  private readonly loop: BackgroundLoop;
  private readonly inFlight = new Map<number, string>();
  private readonly erasures = new Set<Promise<void>>();
  private readonly workerId = `${hostname()}:${process.pid}`;
  private next = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly storage: AttachmentStorage,
    private readonly pollMs: number = Math.max(POLL_FLOOR_MS, ctx.config.TIMER_POLL_MS),
  ) {
    this.loop = new BackgroundLoop(this.name, () => this.pass(), ctx.logger, pollMs);
  }

  start(): void {
    this.loop.start();
  }

  /** Stops leasing, then waits for the deletes in flight (each bounded by the store's time-out). */
  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.allSettled([...this.erasures]);
  }

  private async pass(): Promise<number> {
    const free = CONCURRENCY - this.inFlight.size;
    if (free <= 0) return this.pollMs;
    const busy = new Map<string, number>();
    for (const tenant of this.inFlight.values()) busy.set(tenant, (busy.get(tenant) ?? 0) + 1);
    const timers = await leaseDueTimers(this.ctx.dataSource, {
      kinds: [ATTACHMENT_ERASURE_TIMER],
      limit: free,
      leaseMs: LEASE_MS,
      perTenant: { max: TENANT_CONCURRENCY, busy },
    });
    for (const timer of timers) this.begin(timer);
    return timers.length === free ? 0 : this.pollMs;
  }

  private begin(timer: DueTimer): void {
    const token = this.next++;
    this.inFlight.set(token, timer.tenantId);
    const erasure: Promise<void> = this.erase(timer)
      .catch((err) => {
        // The database went away mid-way: the lease runs out and the erasure is taken again.
        this.ctx.logger.warn({ attachmentId: timer.key, tenant: timer.tenantId, err: (err as Error).message }, 'attachment erasure turn failed; retried when its lease ends');
      })
      .finally(() => {
        this.inFlight.delete(token);
        this.erasures.delete(erasure);
        this.loop.wake();
      });
    this.erasures.add(erasure);
  }

  private async erase(timer: DueTimer): Promise<void> {
    const key = isUuid(timer.key)
      ? await this.ctx.db.read(timer.tenantId, async (m) => {
          const [row] = await m.query(`select storage_key from attachments where id = $1 and erased_at is not null`, [timer.key]);
          return row ? String(row.storage_key) : undefined;
        })
      : undefined;
    if (key !== undefined) {
      try {
        await this.storage.delete(key);
      } catch (err) {
        await this.retryLater(timer, err);
        return;
      }
    }
    // Fired by this worker, as the timer worker marks its own (only while still the lease's: state pending).
    await this.ctx.dataSource.query(
      `update timers set state = 'fired', fired_at = clock_timestamp(), fired_by = $2, attempts = attempts + 1, last_error = null
       where id = $1 and state = 'pending'`,
      [timer.id, `${this.ctx.name}@${this.workerId}`],
    );
    this.ctx.metrics.timersFired.inc({ kind: ATTACHMENT_ERASURE_TIMER, result: 'fired' });
  }

  /** The store failed: the timer comes due again after the backoff, its error kept (never given up: the bytes must go). */
  private async retryLater(timer: DueTimer, err: unknown): Promise<void> {
    const failures = timer.attempts + 1;
    const message = String((err as Error)?.message ?? err).slice(0, 500);
    await this.ctx.dataSource.query(
      `update timers set attempts = $2, last_error = $3, due_at = now() + make_interval(secs => $4) where id = $1 and state = 'pending'`,
      [timer.id, failures, message, erasureRetryDelaySeconds(failures)],
    );
    this.ctx.metrics.timersFired.inc({ kind: ATTACHMENT_ERASURE_TIMER, result: 'retried' });
    this.ctx.logger.warn({ attachmentId: timer.key, tenant: timer.tenantId, store: this.storage.kind, failures, err: message }, 'attachment bytes not deleted; retried later');
  }
}

/** The erasure worker of a service that keeps attachments, on the store its configuration names. */
export function attachmentErasureWorkers(ctx: ServiceContext, service: string): BackgroundWorker[] {
  return [new AttachmentErasureWorker(ctx, Attachments.fromConfig(ctx.serviceConfig, service).storage)];
}
