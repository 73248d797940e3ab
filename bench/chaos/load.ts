import { randomBytes } from 'node:crypto';
import { AREA, CATALOGUED_CATEGORY, UNCATALOGUED_CATEGORY } from './seed';

export interface Submission {
  marker: string;
  /** Catalogued ones are dispatched by the catalog; the others wait in the manual queue. */
  catalogued: boolean;
  attempts: number;
  /** Each attempt's answer: an HTTP status, or `network` when none came. */
  outcomes: (number | 'network')[];
  accepted?: { number: string; accessCode: string };
}

export interface LoadOptions {
  intakeUrl: () => string;
  /** The agent's bearer token: each contact is registered as an agent at the phone registers it. */
  agentToken: () => Promise<string>;
  /** Submissions per second, started on schedule whatever the answers. */
  rate: number;
  /** Names the markers: `chaos-<scenario>-<n>-<random>`. */
  scenario: string;
  /** How long one submission is retried (same marker, same Idempotency-Key) before it is given up. */
  retryWindowMs: number;
  onAccepted?: (submission: Submission) => void;
}

/** Answers a client may retry: timeouts, conflicts of a key in flight, limits and server-side failures. */
const RETRYABLE = (status: number) => status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
const MANUAL_DISPATCH_EVERY = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Contacts registered at a fixed rate, each with a unique marker in its title and as its
 * Idempotency-Key. A client that got no answer, or a retryable one, tries again with the same
 * key (after Retry-After when given), as an agent's desk would, for up to the retry window.
 */
export class SubmissionLoad {
  readonly submissions: Submission[] = [];
  private running = false;
  private schedule?: Promise<void>;
  private readonly inflight = new Set<Promise<void>>();
  private readonly salt = randomBytes(3).toString('hex');

  constructor(private readonly options: LoadOptions) {}

  start(): void {
    this.running = true;
    this.schedule = this.loop();
  }

  /** Stops starting submissions, then waits for the ones in flight to be answered or given up. */
  async stop(): Promise<void> {
    this.running = false;
    await this.schedule;
    await Promise.all([...this.inflight]);
  }

  private async loop(): Promise<void> {
    const started = performance.now();
    for (let i = 0; this.running; i++) {
      const wait = started + (i * 1000) / this.options.rate - performance.now();
      if (wait > 0) await sleep(wait);
      if (!this.running) break;
      const submission: Submission = {
        marker: `chaos-${this.options.scenario}-${i}-${this.salt}`,
        catalogued: i % MANUAL_DISPATCH_EVERY !== MANUAL_DISPATCH_EVERY - 1,
        attempts: 0,
        outcomes: [],
      };
      this.submissions.push(submission);
      const task = this.submit(submission).finally(() => this.inflight.delete(task));
      this.inflight.add(task);
    }
  }

  private async submit(s: Submission): Promise<void> {
    const giveUpAt = Date.now() + this.options.retryWindowMs;
    // A phone contact registered in scope (an online submission would wait for an agent's
    // decision in the online queue first: ADR 0034).
    const body = JSON.stringify({
      channel: 'phone',
      requester: { name: '压测用户', phone: `139${String(this.submissions.length % 1e8).padStart(8, '0')}` },
      title: `电梯停运 ${s.marker}`,
      content: `小区电梯停运三天，物业未处理，请协调维修。（${s.marker}）`,
      areaCode: AREA,
      requestType: 'complaint',
      urgency: 'normal',
      categoryCode: s.catalogued ? CATALOGUED_CATEGORY : UNCATALOGUED_CATEGORY,
      scope: { decision: 'in-scope' },
    });
    const token = await this.options.agentToken();
    for (;;) {
      s.attempts++;
      let retryAfterMs = Math.min(5_000, 500 * 2 ** (s.attempts - 1));
      try {
        const res = await fetch(`${this.options.intakeUrl()}/v1/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': s.marker, authorization: `Bearer ${token}` },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        s.outcomes.push(res.status);
        const answer = (await res.json().catch(() => ({}))) as { number?: string; accessCode?: string };
        if (res.status === 201 && answer.number && answer.accessCode) {
          s.accepted = { number: answer.number, accessCode: answer.accessCode };
          this.options.onAccepted?.(s);
          return;
        }
        if (!RETRYABLE(res.status)) return;
        const header = Number(res.headers.get('retry-after'));
        if (header > 0) retryAfterMs = header * 1000;
      } catch {
        s.outcomes.push('network');
      }
      if (Date.now() + retryAfterMs > giveUpAt) return;
      await sleep(retryAfterMs);
    }
  }
}

/** How many answers of each kind the submissions got, e.g. `201×700 500×31 network×4`. */
export function outcomeSummary(submissions: readonly Submission[]): string {
  const counts = new Map<string, number>();
  for (const s of submissions) for (const o of s.outcomes) counts.set(String(o), (counts.get(String(o)) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}×${n}`)
    .join(' ');
}
