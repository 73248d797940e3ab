// What the lifecycle benchmarks share: contacts registered at a running platform, and a watch of
// the WorkOrderCreated events that show each accepted request reached handling.
import { connect, NatsConnection, Subscription } from '@nats-io/transport-node';
import { readFileSync } from 'node:fs';
import { Events } from '@hotline/contracts';

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export interface Submission {
  ok: boolean;
  number?: string;
  /** ms from sending to the 201. */
  latency: number;
  /** performance.now() at the 201. */
  acceptedAt: number;
  /** The HTTP status, or 0 when no answer came. */
  status: number;
}

/** The demo agent's bearer token the start command minted for the tenant (demo-tokens.json in its state directory). */
export function agentToken(stateDir: string, tenant: string): string {
  return JSON.parse(readFileSync(`${stateDir}/demo-tokens.json`, 'utf8'))[tenant]['agent'];
}

/**
 * One phone contact registered in scope (POST /v1/requests), as an agent's desk sends it. An
 * online submission waits for the agent's decision in the online queue (ADR 0034), so the
 * pipeline's acceptance is the agent's registration.
 */
export async function registerContact(intake: string, token: string, i: number): Promise<Submission> {
  const t0 = performance.now();
  const res = await fetch(`${intake}/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${process.pid}-${i}`, authorization: `Bearer ${token}` },
    body: JSON.stringify({
      channel: 'phone',
      requester: { name: '压测用户', phone: `1390000${String(i % 10000).padStart(4, '0')}` },
      title: '小区电梯故障',
      content: `小区 ${i % 50} 号楼电梯停运三天，物业未处理，请协调维修。`,
      areaCode: '320104',
      requestType: 'complaint',
      urgency: 'normal',
      categoryCode: '030603',
      scope: { decision: 'in-scope' },
    }),
  }).catch(() => undefined);
  const acceptedAt = performance.now();
  if (res?.status !== 201) return { ok: false, latency: acceptedAt - t0, acceptedAt, status: res?.status ?? 0 };
  const { number } = (await res.json()) as { number: string };
  return { ok: true, number, latency: acceptedAt - t0, acceptedAt, status: 201 };
}

/** Records when the first work order of each request number was created (seen on NATS). */
export class WorkOrderWatch {
  readonly createdAt = new Map<string, number>();
  private constructor(
    private readonly nc: NatsConnection,
    private readonly sub: Subscription,
  ) {
    void (async () => {
      for await (const m of sub) {
        const event = Events.handling.workOrderCreated.codec.decode(m.data);
        const number = event.request?.number;
        if (number && !this.createdAt.has(number)) this.createdAt.set(number, performance.now());
      }
    })();
  }

  static async start(natsUrl: string, namespace: string, tenant: string): Promise<WorkOrderWatch> {
    const nc = await connect({ servers: natsUrl });
    const sub = nc.subscribe(`${namespace ? `${namespace}.` : ''}hl.handling.v1.${tenant}.work-order.created`);
    return new WorkOrderWatch(nc, sub);
  }

  /** Waits until every number has its work order or the time is up; returns the missing ones. */
  async waitFor(numbers: string[], timeoutMs: number): Promise<string[]> {
    const deadline = performance.now() + timeoutMs;
    let missing = numbers.filter((n) => !this.createdAt.has(n));
    while (missing.length > 0 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      missing = missing.filter((n) => !this.createdAt.has(n));
    }
    return missing;
  }

  async stop(): Promise<void> {
    this.sub.unsubscribe();
    await this.nc.close();
  }
}

/** Sends `total` submissions at `rate` per second (open loop); resolves with every outcome. */
export async function atFixedRate(rate: number, total: number, send: (i: number) => Promise<Submission>, first = 0): Promise<Submission[]> {
  const started = performance.now();
  const inflight: Array<Promise<Submission>> = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(first + i));
  }
  return Promise.all(inflight);
}

/** Resident memory (MiB) of each service the start command runs, from its pids.json. */
export function residentMemory(stateDir: string): Record<string, number> {
  let pids: Record<string, number>;
  try {
    pids = JSON.parse(readFileSync(`${stateDir}/pids.json`, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
  const rss: Record<string, number> = {};
  for (const [service, pid] of Object.entries(pids)) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kb) rss[service] = Math.round(Number(kb) / 1024);
    } catch {
      // the process is gone
    }
  }
  return rss;
}
