import type { NatsConnection } from '@nats-io/transport-node';
import type { PrivateNatsServer } from '@hotline/testing';
import { outcomeSummary, SubmissionLoad } from './load';
import { observe, progress, StreamSubjectCount } from './observe';
import { ChaosPlatform } from './platform';
import type { PrivatePostgres } from './private-postgres';
import { PublicView, reconcile, Reconciliation } from './reconcile';
import { SampleDriver } from './sample-driver';
import type { Scenario } from './scenarios';
import { TENANT } from './seed';

export interface Timing {
  /** Submissions per second. */
  rate: number;
  /** Steady load before the fault, and after it ended, before the load stops. */
  leadInMs: number;
  tailMs: number;
  /** Drained: nothing waiting and nothing changed for quietMs. Given up: nothing changed for stallMs, or capMs passed. */
  quietMs: number;
  stallMs: number;
  capMs: number;
  retryWindowMs: number;
  /** Every n-th catalogued acceptance is driven through sign, answer, review and revisit. */
  driveEvery: number;
}

export interface RunContext {
  distDir: string;
  logDir: string;
  postgres: PrivatePostgres;
  nats: PrivateNatsServer;
  nc: NatsConnection;
  index: number;
  timing: Timing;
  log: (line: string) => void;
}

export type DrainState = 'drained' | 'stalled' | 'cap';

export interface ScenarioResult {
  name: string;
  fault: string;
  submissions: number;
  outcomes: string;
  reconciliation: Reconciliation;
  drain: { seconds: number; state: DrainState };
  driven: { sampled: number; revisited: number };
  subjects: StreamSubjectCount[];
  deadLetters: Record<string, number>;
  /** Services that ended by themselves (and were started again), with their exit codes. */
  serviceExits: Record<string, string[]>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until nothing moves: nothing waiting in an outbox or a consumer and no change for a while, with a cap. */
async function drain(platform: ChaosPlatform, ctx: RunContext, driver: SampleDriver): Promise<{ seconds: number; state: DrainState }> {
  const { quietMs, stallMs, capMs } = ctx.timing;
  const started = Date.now();
  let lastKey = '';
  let lastChange = started;
  for (;;) {
    const now = Date.now();
    const seen = await progress(platform, ctx.postgres, ctx.nc).catch(() => ({ key: `unreachable ${now}`, waiting: 1 }));
    if (seen.key !== lastKey) {
      lastKey = seen.key;
      lastChange = now;
    }
    const seconds = (lastChange - started) / 1000;
    if (seen.waiting === 0 && driver.finished && now - lastChange >= quietMs) return { seconds, state: 'drained' };
    if (now - lastChange >= stallMs) return { seconds, state: 'stalled' };
    if (now - started >= capMs) return { seconds, state: 'cap' };
    await sleep(1_000);
  }
}

/** The public lookup of every accepted request, as its citizen would make it. */
async function publicViews(platform: ChaosPlatform, accepted: { number: string; accessCode: string }[]): Promise<Map<string, PublicView | number>> {
  const views = new Map<string, PublicView | number>();
  const queue = [...accepted];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const res = await platform
        .api('intake', 'GET', `/v1/public/${TENANT}/requests/${next.number}?code=${encodeURIComponent(next.accessCode)}`)
        .catch(() => ({ status: 0, body: undefined }));
      const body = res.body as { status?: string; timeline?: { status: string }[] } | undefined;
      views.set(next.number, res.status === 200 ? { status: String(body?.status), timeline: (body?.timeline ?? []).map((t) => t.status) } : res.status);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return views;
}

/**
 * One scenario on fresh databases and a fresh stream namespace: steady load, the fault, more
 * load, then the drain and the reconciliation of every submission.
 */
export async function runScenario(scenario: Scenario, ctx: RunContext): Promise<ScenarioResult> {
  const { timing, log } = ctx;
  const prefix = `chaos${ctx.index}_${scenario.name.replace(/-/g, '_')}`;
  log(`${scenario.name}: starting the platform (databases ${prefix}_*)`);
  const platform = await ChaosPlatform.start({ distDir: ctx.distDir, logDir: ctx.logDir, postgres: ctx.postgres, natsUrl: ctx.nats.url, prefix });
  try {
    const driver = new SampleDriver(platform, ctx.postgres);
    let catalogued = 0;
    const load = new SubmissionLoad({
      intakeUrl: () => platform.url('intake'),
      agentToken: () => platform.tokens.of('agent'),
      rate: timing.rate,
      scenario: scenario.name,
      retryWindowMs: timing.retryWindowMs,
      onAccepted: (s) => {
        if (s.catalogued && s.accepted && catalogued++ % timing.driveEvery === 0) driver.add(s.accepted.number);
      },
    });
    load.start();
    driver.start();
    await sleep(timing.leadInMs);
    log(`${scenario.name}: ${scenario.fault}`);
    await scenario.inflict({ platform, postgres: ctx.postgres, nats: ctx.nats });
    log(`${scenario.name}: fault over; ${timing.tailMs / 1000} s more load`);
    await sleep(timing.tailMs);
    await load.stop();
    log(`${scenario.name}: ${load.submissions.length} submitted (${outcomeSummary(load.submissions)}); draining`);
    const drained = await drain(platform, ctx, driver);
    await driver.stop();
    log(`${scenario.name}: ${drained.state} after ${drained.seconds.toFixed(0)} s; reconciling`);

    const observation = await observe(platform, ctx.postgres, ctx.nc);
    const accepted = load.submissions.flatMap((s) => (s.accepted ? [s.accepted] : []));
    const steps = driver.steps();
    const reconciliation = reconcile(
      { ...observation.snapshot, publicView: await publicViews(platform, accepted) },
      load.submissions.map((s) => ({
        marker: s.marker,
        catalogued: s.catalogued,
        acceptedNumber: s.accepted?.number,
        driven: s.accepted ? steps.get(s.accepted.number) : undefined,
      })),
    );
    return {
      name: scenario.name,
      fault: scenario.fault,
      submissions: load.submissions.length,
      outcomes: outcomeSummary(load.submissions),
      reconciliation,
      drain: drained,
      driven: { sampled: steps.size, revisited: [...steps.values()].filter((s) => s === 'revisited').length },
      subjects: observation.subjects,
      deadLetters: Object.fromEntries(observation.deadLetterCounts),
      serviceExits: platform.exits(),
    };
  } finally {
    await platform.stop();
  }
}
