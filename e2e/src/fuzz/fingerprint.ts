import { Client } from 'pg';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, JetStreamManager } from '@nats-io/jetstream';

/**
 * Tables left out of the partial-write check, each because it records the request itself by
 * design, whatever the answer, or changes by the clock alone: nothing else may change when a
 * request is refused.
 */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  rate_limit_windows: 'the rate limiter counts every request, refused ones included, per client address and per tenant',
  access_code_attempts: "intake's public lookup counts every wrong access code (the lockout), a refused lookup being one",
  // The run's own online submissions wait for an agent nobody plays: their warning and breach
  // are marked by durable timers minutes later, in the middle of the run (ADR 0034).
  online_queue: 'the online queue marks the warning and the breach of a waiting submission by the clock',
  timers: 'durable timers fire by the clock (the online queue’s marks among them); what they write is in the tables still checked',
  // A data-sharing feed the run sets up points at a receiver that is not there: its batch is
  // retried by the clock, with backoff, for the whole run (ADR 0035 addendum).
  sharing_push_deliveries: 'a push feed’s batch is retried by the clock (its attempts and next attempt)',
  sharing_push_attempts: 'a push feed’s attempts are made by the clock',
};

export interface Fingerprint {
  /** `service.table` → rows and an order-independent hash of their content. */
  tables: Map<string, { rows: number; hash: string }>;
  /** Stream name → messages. */
  streams: Map<string, number>;
}

/** What differs between two fingerprints, one line per table or stream. */
export function diffFingerprints(before: Fingerprint, after: Fingerprint): string[] {
  const out: string[] = [];
  for (const name of new Set([...before.tables.keys(), ...after.tables.keys()])) {
    const a = before.tables.get(name);
    const b = after.tables.get(name);
    if (!a || !b) out.push(`${name}: table ${a ? 'dropped' : 'created'}`);
    else if (a.rows !== b.rows) out.push(`${name}: ${a.rows} → ${b.rows} rows`);
    else if (a.hash !== b.hash) out.push(`${name}: content changed (${a.rows} rows)`);
  }
  for (const name of new Set([...before.streams.keys(), ...after.streams.keys()])) {
    const a = before.streams.get(name) ?? 0;
    const b = after.streams.get(name) ?? 0;
    if (b > a) out.push(`stream ${name}: ${a} → ${b} messages`);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the runner asks of the platform's state: a fingerprint now, and one once it has settled. */
export interface StateProbe {
  take(): Promise<Fingerprint>;
  settle(): Promise<{ fingerprint: Fingerprint; settled: boolean }>;
}

/**
 * Fingerprints of every service database (as the admin role, which row-level security does not
 * filter: every tenant's rows) and of the platform's streams, and a wait for the platform to
 * settle (outboxes published, every consumer caught up, nothing changing).
 */
export class Fingerprinter implements StateProbe {
  private constructor(
    private readonly clients: Map<string, Client>,
    private readonly tables: Map<string, string[]>,
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly streamPrefix: string,
  ) {}

  static async open(adminUrl: string, databases: Record<string, string>, natsUrl: string, namespace: string): Promise<Fingerprinter> {
    const clients = new Map<string, Client>();
    const tables = new Map<string, string[]>();
    for (const [service, database] of Object.entries(databases)) {
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      clients.set(service, client);
      const { rows } = await client.query<{ name: string }>(
        `select quote_ident(schemaname) || '.' || quote_ident(tablename) as name from pg_tables
          where schemaname not in ('pg_catalog', 'information_schema') and tablename <> all($1) order by 1`,
        [Object.keys(EXCLUDED_TABLES)],
      );
      tables.set(service, rows.map((r) => r.name));
    }
    const nc = await connect({ servers: natsUrl });
    return new Fingerprinter(clients, tables, nc, await jetstreamManager(nc), `${namespace.toUpperCase().replace(/-/g, '_')}_`);
  }

  async take(): Promise<Fingerprint> {
    const tables = new Map<string, { rows: number; hash: string }>();
    await Promise.all(
      [...this.clients].map(async ([service, client]) => {
        const names = this.tables.get(service) ?? [];
        if (names.length === 0) return;
        const sql = names
          .map((t) => `select '${t.replace(/'/g, "''")}' as t, count(*)::int as rows, md5(coalesce(string_agg(md5(x::text), '' order by md5(x::text)), '')) as hash from ${t} x`)
          .join(' union all ');
        const { rows } = await client.query<{ t: string; rows: number; hash: string }>(sql);
        for (const r of rows) tables.set(`${service}.${r.t.replace(/^public\./, '')}`, { rows: r.rows, hash: r.hash });
      }),
    );
    const streams = new Map<string, number>();
    for await (const info of this.jsm.streams.list()) if (info.config.name.startsWith(this.streamPrefix)) streams.set(info.config.name, info.state.messages);
    return { tables, streams };
  }

  /** Events still on their way: unpublished outbox rows and messages consumers have not acknowledged. */
  async inFlight(): Promise<number> {
    let pending = 0;
    for (const client of this.clients.values()) {
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from outbox where published_at is null`);
      pending += rows[0]?.n ?? 0;
    }
    for await (const stream of this.jsm.streams.list()) {
      if (!stream.config.name.startsWith(this.streamPrefix)) continue;
      for await (const consumer of this.jsm.consumers.list(stream.config.name)) pending += consumer.num_pending + consumer.num_ack_pending;
    }
    return pending;
  }

  /**
   * Waits until nothing is in flight and two fingerprints in a row agree; returns the last one
   * and whether it settled within `timeoutMs`.
   */
  async settle(timeoutMs = 20_000): Promise<{ fingerprint: Fingerprint; settled: boolean }> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.take();
    for (;;) {
      await sleep(120);
      const idle = (await this.inFlight()) === 0;
      const next = await this.take();
      if (idle && diffFingerprints(last, next).length === 0) return { fingerprint: next, settled: true };
      if (Date.now() > deadline) return { fingerprint: next, settled: false };
      last = next;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.end()));
    await this.nc.close();
  }
}
