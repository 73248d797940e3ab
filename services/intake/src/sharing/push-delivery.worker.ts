import { BackgroundLoop, BackgroundWorker, DueTimer, errorCodeOf, leaseDueTimers, PiiCipher, ServiceContext, signBody, WEBHOOK_IDEMPOTENCY_HEADER, WEBHOOK_SIGNATURE_HEADER } from '@hotline/platform';
import { requesterCipherOf } from '../notifications/requester-cipher';
import type { SharingPushConfig } from './push-config';
import { PreparedPush, preparePush, PUSH_EVENT, PushOutcome, recordPushOutcome } from './push-delivery.commands';
import { PUSH_TIMER } from './push.repository';

/** The shortest lease of a feed's timer while its batch is sent; at least three timeouts. */
const LEASE_FLOOR_MS = 30_000;

/** POSTs a batch: signed over "<unix seconds>.<body>", redirects not followed (they could carry the data elsewhere), the answer's body never read. */
export async function postBatch(push: PreparedPush, timeoutMs: number, at: Date = new Date()): Promise<PushOutcome> {
  const started = performance.now();
  let httpStatus: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(push.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [WEBHOOK_SIGNATURE_HEADER]: signBody(push.secret, push.body, at),
        'x-hotline-delivery': push.deliveryId,
        'x-hotline-event': PUSH_EVENT,
        [WEBHOOK_IDEMPOTENCY_HEADER]: push.deliveryId,
        'user-agent': 'hotline-sharing-feed/1',
      },
      body: push.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    httpStatus = res.status;
    await res.body?.cancel().catch(() => undefined);
    if (res.status < 200 || res.status > 299) error = `http-${res.status}`;
  } catch (err) {
    error = errorCodeOf(err);
  }
  return { attemptedAt: at, httpStatus, error, durationMs: Math.max(0, Math.round(performance.now() - started)) };
}

/**
 * The delivery worker of the push feeds (ADR 0035 addendum), on the durable timers: each feed
 * is one timer (`sharing-push`, key = agreement) that says when its next batch or retry is due.
 * A pass leases due timers (FOR UPDATE SKIP LOCKED across tenants, so replicas share them and
 * none takes a feed another is sending), and each leased feed runs on its own: prepare the
 * batch (a tenant transaction), POST it outside any transaction, record the outcome (another).
 * So a slow or dead receiver holds only its own slot, never a transaction, a lock of another
 * feed, or the service's other timers; at most SHARING_PUSH_CONCURRENCY feeds are in flight,
 * at most SHARING_PUSH_TENANT_CONCURRENCY of one tenant, and a finished one frees its slot at
 * once. The main timer worker never fires this kind (it is not among intake's `timers`).
 */
export class SharingPushWorker implements BackgroundWorker {
  readonly name = 'sharing push feeds';
  private readonly loop: BackgroundLoop;
  /** Feeds in flight: a token per push, its tenant. */
  private readonly inFlight = new Map<number, string>();
  private readonly pushes = new Set<Promise<void>>();
  private next = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly cipher: PiiCipher,
    private readonly config: SharingPushConfig,
    private readonly random: () => number = Math.random,
  ) {
    this.loop = new BackgroundLoop(this.name, () => this.pass(), ctx.logger, config.SHARING_PUSH_POLL_MS);
  }

  start(): void {
    this.loop.start();
  }

  /** Stops leasing, then waits for the batches in flight (each bounded by the timeout) to be recorded. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.allSettled([...this.pushes]);
  }

  private get leaseMs(): number {
    return Math.max(LEASE_FLOOR_MS, 3 * this.config.SHARING_PUSH_TIMEOUT_MS);
  }

  private async pass(): Promise<number> {
    const free = this.config.SHARING_PUSH_CONCURRENCY - this.inFlight.size;
    // Every slot taken: a push that ends wakes the loop.
    if (free <= 0) return this.config.SHARING_PUSH_POLL_MS;
    const busy = new Map<string, number>();
    for (const tenant of this.inFlight.values()) busy.set(tenant, (busy.get(tenant) ?? 0) + 1);
    const timers = await leaseDueTimers(this.ctx.dataSource, {
      kinds: [PUSH_TIMER],
      limit: free,
      leaseMs: this.leaseMs,
      perTenant: { max: this.config.SHARING_PUSH_TENANT_CONCURRENCY, busy },
    });
    for (const timer of timers) this.begin(timer);
    return timers.length === free ? 0 : this.config.SHARING_PUSH_POLL_MS;
  }

  private begin(timer: DueTimer): void {
    const token = this.next++;
    this.inFlight.set(token, timer.tenantId);
    const push: Promise<void> = this.push(timer)
      .catch((err) => {
        // The database went away mid-way, or a bug: the lease runs out and the feed is taken again.
        this.ctx.logger.warn({ agreementId: timer.key, tenant: timer.tenantId, err: (err as Error).message }, 'push feed turn failed; retried when its lease ends');
      })
      .finally(() => {
        this.inFlight.delete(token);
        this.pushes.delete(push);
        this.loop.wake();
      });
    this.pushes.add(push);
  }

  private async push(timer: DueTimer): Promise<void> {
    const { tenantId, key: agreementId } = timer;
    const prepared = await this.ctx.db.run(tenantId, (m) => preparePush(m, this.cipher, this.config, tenantId, agreementId, new Date()));
    if (!prepared) return;
    const outcome = await postBatch(prepared, this.config.SHARING_PUSH_TIMEOUT_MS);
    await this.ctx.db.run(tenantId, (m) => recordPushOutcome(m, this.config, prepared, outcome, new Date(), this.random));
    const log = { agreementId, tenant: tenantId, deliveryId: prepared.deliveryId, status: outcome.httpStatus, durationMs: outcome.durationMs };
    if (outcome.error === null) this.ctx.logger.info(log, 'push batch delivered');
    else this.ctx.logger.warn({ ...log, error: outcome.error }, 'push batch not delivered');
  }
}

/** intake's push worker, on the context's configuration and PII key. */
export function sharingPushWorkers(ctx: ServiceContext): BackgroundWorker[] {
  return [new SharingPushWorker(ctx, requesterCipherOf(ctx), ctx.serviceConfig as unknown as SharingPushConfig)];
}
