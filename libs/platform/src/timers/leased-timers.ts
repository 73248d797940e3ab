import type { DataSource } from 'typeorm';
import type { DueTimer } from './timers';

export interface LeaseOptions {
  /** The kinds leased; the service's TimerWorker must not fire them too (keep them out of `timers`). */
  kinds: readonly string[];
  /** The most timers leased at once. */
  limit: number;
  /** How long a leased timer is the leaser's: after it, a crashed leaser's timer comes due again. */
  leaseMs: number;
  /** Per tenant, the most timers leased and not yet done, counting `busy` (what the caller still holds). */
  perTenant?: { max: number; busy: ReadonlyMap<string, number> };
}

/**
 * Leases due timers of some kinds for work that must run outside any transaction (a call to
 * another system that may take seconds): like the TimerWorker's claim (FOR UPDATE SKIP LOCKED,
 * earliest due first, across tenants), but each one taken has its due moved a lease ahead and
 * the claim commits at once. The caller does the work in transactions of its own and then
 * reschedules the key (`Timers.schedule`) or cancels it; a crash meanwhile lets the lease run out
 * and the timer is leased again — at least once, as the relay of notifications (ADR 0029).
 *
 * `perTenant` keeps one tenant's timers from taking every slot: of the due timers looked at
 * (four times `limit`), a tenant gets at most `max` minus what it already holds.
 */
export async function leaseDueTimers(dataSource: DataSource, options: LeaseOptions): Promise<DueTimer[]> {
  if (options.limit <= 0 || options.kinds.length === 0) return [];
  const max = options.perTenant?.max ?? options.limit;
  const busy = [...(options.perTenant?.busy ?? new Map<string, number>()).entries()].filter(([, n]) => n > 0);
  const rows: Array<Record<string, unknown>> = await dataSource.query(
    `with due as (
       select id, tenant_id, due_at from timers
        where state = 'pending' and due_at <= now() and kind = any($1)
        order by due_at limit $2 for update skip locked),
     ranked as (
       select d.id, d.due_at, row_number() over (partition by d.tenant_id order by d.due_at, d.id)
                + coalesce((select b.n from unnest($4::text[], $5::int[]) as b(tenant_id, n) where b.tenant_id = d.tenant_id), 0) as rank
         from due d),
     picked as (select id from ranked where rank <= $3 order by due_at limit $6),
     leased as (
       update timers t set due_at = now() + make_interval(secs => $7)
         from picked where t.id = picked.id
       returning t.id, t.tenant_id, t.kind, t.key, t.due_at, t.payload, t.attempts)
     select * from leased`,
    [options.kinds, options.limit * 4, max, busy.map(([t]) => t), busy.map(([, n]) => n), options.limit, options.leaseMs / 1000],
  );
  return rows.map((r) => ({
    id: r.id as string,
    tenantId: r.tenant_id as string,
    kind: r.kind as string,
    key: r.key as string,
    dueAt: r.due_at as Date,
    payload: r.payload as Record<string, unknown>,
    attempts: r.attempts as number,
  }));
}
