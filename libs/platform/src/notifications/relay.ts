import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import type { NotificationChannel, NotificationRecipientKind, NotificationTemplate } from '@hotline/vocabulary';
import type { Outbox } from '../messaging/outbox';
import type { Metrics } from '../observability/metrics';
import { inTenantTransaction } from '../persistence/data-source';
import { BackgroundLoop } from '../service/background-loop';
import { DEFAULT_RETRY_POLICY, retryDelayMs, RetryPolicy } from './backoff';
import { NOTIFICATION_CHANNEL } from './enqueue';
import type { OutgoingNotification } from './notification';
import { renderNotification } from './render';
import type { NotificationSender, SendOutcome } from './sender';

export interface NotificationRelayOptions {
  /** Fallback polling while no commit notification arrives; also the longest wait for a retry. */
  pollMs?: number;
  /** Notifications claimed and sent side by side in one pass. */
  batchSize?: number;
  retry?: RetryPolicy;
  /** How long a claimed notification is the claimer's: after it, a crashed claimer's work is taken again. */
  leaseMs?: number;
  /** Wake on commit through LISTEN/NOTIFY (default true). */
  listen?: boolean;
  /** Where an adapter's announcement (NotificationRequested) is written; required by log-and-outbox. */
  outbox?: Outbox;
  /** The tenant's time zone for the wording (default Asia/Shanghai). */
  timeZoneOf?: (tenantId: string) => Promise<string | undefined>;
  /** Decrypts a recipient's address with the owning service's key (intake's PiiCipher). */
  openAddress?: (tenantId: string, ciphertext: Buffer) => string;
  random?: () => number;
}

interface NotificationRow {
  id: string;
  tenant_id: string;
  source_ref: string;
  recipient_kind: NotificationRecipientKind;
  recipient_ref: string;
  recipient_masked: string;
  recipient_address_enc: Buffer | null;
  channel: NotificationChannel;
  template: NotificationTemplate;
  params: Record<string, string>;
  request_id: string | null;
  status: string;
  attempts: number;
  created_at: Date;
}

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The counter of delivery attempts, registered once per service registry. */
function attemptsCounter(metrics?: Metrics): Counter<'template' | 'channel' | 'result'> | undefined {
  if (!metrics) return undefined;
  const name = 'hl_notifications_total';
  return (
    (metrics.registry.getSingleMetric(name) as Counter<'template' | 'channel' | 'result'> | undefined) ??
    new Counter({
      name,
      help: 'Notification delivery attempts by template, channel and result (delivered, retried, failed)',
      labelNames: ['template', 'channel', 'result'],
      registers: [metrics.registry],
    })
  );
}

/**
 * Delivers committed notifications through the service's NotificationSender (ADR 0029), after
 * the transactions that enqueued them and never inside one: a slow or absent gateway delays
 * notifications, it never holds a change.
 *
 * A pass claims due rows of the queue (FOR UPDATE SKIP LOCKED, across tenants, like timers) by
 * moving their next attempt a lease ahead, so any number of replicas share the work and none sends
 * a row another is sending; then each notification is read under its tenant, handed to the sender
 * and its outcome recorded in a tenant transaction: delivered or failed for good (it leaves the
 * queue), or retried after a backoff (doubling, capped, jittered) for as long as it takes. A
 * crash between the hand-over and its record lets the lease run out and hands it over again —
 * delivery is at least once, and the notification id the receiver's idempotency key. A
 * notification that is over (delivered or failed) keeps no address: the phone's copy is erased
 * with the record of its end.
 */
export class NotificationRelay {
  private readonly loop: BackgroundLoop;
  private readonly counter?: Counter<'template' | 'channel' | 'result'>;
  private listener?: Client;
  private listening = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: NotificationSender,
    private readonly logger: Logger,
    metrics?: Metrics,
    private readonly options: NotificationRelayOptions = {},
  ) {
    this.counter = attemptsCounter(metrics);
    this.loop = new BackgroundLoop('notification relay', () => this.pass(), logger, options.pollMs ?? 1_000);
  }

  get name(): string {
    return `notification relay (${this.sender.name})`;
  }

  start(): void {
    this.loop.start();
    if (this.options.listen ?? true) {
      this.listening = true;
      void this.listen();
    }
  }

  async stop(): Promise<void> {
    this.listening = false;
    await this.listener?.end().catch(() => undefined);
    await this.loop.stop();
  }

  /** One pass: claims up to a batch of due notifications and delivers them; returns how many it claimed. */
  async deliverDue(): Promise<number> {
    const batch = this.options.batchSize ?? 16;
    const leaseSeconds = (this.options.leaseMs ?? 60_000) / 1000;
    const claimed: Array<{ id: string; tenant_id: string }> = await this.dataSource.query(
      `with due as (
         select notification_id from notification_queue where next_attempt_at <= now()
          order by next_attempt_at limit $1 for update skip locked),
       claimed as (
         update notification_queue q set next_attempt_at = now() + make_interval(secs => $2)
           from due where q.notification_id = due.notification_id
         returning q.notification_id as id, q.tenant_id)
       select id, tenant_id from claimed`,
      [batch, leaseSeconds],
    );
    await Promise.all(claimed.map((c) => this.deliverOne(c.id, c.tenant_id)));
    return claimed.length;
  }

  private async deliverOne(id: string, tenantId: string): Promise<void> {
    try {
      const row = await inTenantTransaction(this.dataSource, tenantId, async (m) => {
        const rows: NotificationRow[] = await m.query(`select * from notifications where id = $1`, [id]);
        return rows[0];
      });
      if (!row || row.status === 'delivered' || row.status === 'failed') {
        await this.dataSource.query(`delete from notification_queue where notification_id = $1`, [id]);
        return;
      }
      const outgoing = await this.outgoingOf(row);
      let outcome: SendOutcome;
      try {
        outcome = await this.sender.send(outgoing);
      } catch (err) {
        // A sender that throws is a bug or an unreadable address: retried, its message kept short (no data in it).
        outcome = { result: 'retry', error: `sender:${String((err as Error).name ?? 'Error').slice(0, 40)}`, disclosedAddress: false };
      }
      await this.record(row, outgoing, outcome);
    } catch (err) {
      // The database is away (reading or recording): the lease runs out and the row is claimed again.
      this.logger.warn({ notificationId: id, tenant: tenantId, err: (err as Error).message }, 'notification delivery could not be recorded; retried later');
    }
  }

  private async outgoingOf(row: NotificationRow): Promise<OutgoingNotification> {
    const timeZone = (await this.options.timeZoneOf?.(row.tenant_id).catch(() => undefined)) ?? DEFAULT_TIME_ZONE;
    const { openAddress } = this.options;
    const ciphertext = row.recipient_address_enc;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      sourceRef: row.source_ref,
      recipientKind: row.recipient_kind,
      recipientRef: row.recipient_ref,
      recipientMasked: row.recipient_masked,
      channel: row.channel,
      template: row.template,
      params: row.params,
      requestId: row.request_id,
      createdAt: row.created_at,
      attempt: row.attempts + 1,
      text: renderNotification(row.template, row.params, timeZone),
      openAddress: () => (ciphertext && openAddress ? openAddress(row.tenant_id, ciphertext) : undefined),
    };
  }

  private async record(row: NotificationRow, n: OutgoingNotification, outcome: SendOutcome): Promise<void> {
    const log = { notificationId: n.id, tenant: n.tenantId, template: n.template, channel: n.channel, recipient: n.recipientMasked, attempt: n.attempt };
    await inTenantTransaction(this.dataSource, n.tenantId, async (m) => {
      const disclosed = outcome.disclosedAddress;
      if (outcome.result === 'delivered') {
        if (!(await this.update(m, n.id, `status = 'delivered', delivered_at = now(), last_error = null, recipient_address_enc = null`, n.attempt, disclosed))) return;
        if (outcome.announce) {
          if (!this.options.outbox) throw new Error(`${this.sender.name} announces its notifications, but the relay has no outbox`);
          await this.options.outbox.append(m, outcome.announce);
        }
        await m.query(`delete from notification_queue where notification_id = $1`, [n.id]);
        this.counter?.inc({ template: n.template, channel: n.channel, result: 'delivered' });
        this.logger.info(log, 'notification delivered');
      } else if (outcome.result === 'rejected') {
        if (!(await this.update(m, n.id, `status = 'failed', failed_at = now(), last_error = $4, recipient_address_enc = null`, n.attempt, disclosed, outcome.error))) return;
        await m.query(`delete from notification_queue where notification_id = $1`, [n.id]);
        this.counter?.inc({ template: n.template, channel: n.channel, result: 'failed' });
        this.logger.warn({ ...log, error: outcome.error }, 'notification refused by the gateway; failed for good');
      } else {
        if (!(await this.update(m, n.id, `status = 'retrying', last_error = $4`, n.attempt, disclosed, outcome.error))) return;
        const delayMs = retryDelayMs(n.attempt, this.options.retry ?? DEFAULT_RETRY_POLICY, this.options.random);
        await m.query(`update notification_queue set next_attempt_at = now() + make_interval(secs => $2) where notification_id = $1`, [
          n.id,
          delayMs / 1000,
        ]);
        this.counter?.inc({ template: n.template, channel: n.channel, result: 'retried' });
        this.logger.warn({ ...log, error: outcome.error, retryInMs: delayMs }, 'notification not delivered; retrying');
      }
    });
  }

  /** Records one attempt on a notification still open; false when another relay recorded its end first. */
  private async update(m: EntityManager, id: string, set: string, attempts: number, disclosed: boolean, error?: string): Promise<boolean> {
    const rows: Array<{ id: string }> = await m.query(
      `with changed as (
         update notifications
            set ${set}, attempts = greatest(attempts, $2), last_attempt_at = now(),
                address_disclosed_at = case when $3 then now() else address_disclosed_at end
          where id = $1 and status in ('pending', 'retrying')
         returning id)
       select id from changed`,
      error === undefined ? [id, attempts, disclosed] : [id, attempts, disclosed, error],
    );
    return rows.length > 0;
  }

  /** One pass and the wait before the next: none while a batch was full, else until the next due attempt (at most pollMs). */
  private async pass(): Promise<number> {
    const pollMs = this.options.pollMs ?? 1_000;
    const claimed = await this.deliverDue();
    if (claimed >= (this.options.batchSize ?? 16)) return 0;
    const [next]: Array<{ ms: number | null }> = await this.dataSource.query(
      `select ceil(extract(epoch from (min(next_attempt_at) - now())) * 1000)::float8 as ms from notification_queue`,
    );
    const ms = next?.ms;
    return ms === null || ms === undefined ? pollMs : Math.max(1, Math.min(pollMs, ms));
  }

  /** Keeps a connection that LISTENs for the queue's commit notifications, reconnecting while the relay runs. */
  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    while (this.listening) {
      const client = new Client({ connectionString: url, application_name: 'hotline-notification-listener' });
      this.listener = client;
      try {
        await client.connect();
        client.on('notification', () => this.loop.wake());
        await client.query(`listen ${NOTIFICATION_CHANNEL}`);
        this.loop.wake();
        await new Promise<void>((resolve) => {
          client.once('error', () => resolve());
          client.once('end', () => resolve());
        });
      } catch {
        // The database is away: polling carries on; try again shortly.
      }
      await client.end().catch(() => undefined);
      if (this.listening) await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}
