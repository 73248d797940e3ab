import type { FuzzCase } from './case';
import { calibrate, Calibrated } from './calibrate';
import { casesFor } from './catalogue';
import { diffFingerprints, Fingerprint, StateProbe } from './fingerprint';
import { Harvest } from './harvest';
import { closeConnections, FuzzResponse, send } from './http';
import { Identities } from './identities';
import { judge, Violation, ViolationKind } from './oracles';
import { OpenApiDocument, operationKey, operationsOf } from './openapi';
import { Rng } from './random';

export interface FuzzTarget {
  /** The OpenAPI document of each service, by service name. */
  documents: Record<string, OpenApiDocument>;
  origin: (service: string) => string;
  tokens: Record<string, Record<string, string>>;
  probe: StateProbe;
}

export interface FuzzOptions {
  seed: string;
  /** Cases per operation (the authentication cases always run, and count towards it). */
  casesPerOperation: number;
  /** Cases between two fingerprints of the databases and streams. */
  batchSize?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  log?: (line: string) => void;
  /** Each calibration attempt, when set (FUZZ_TRACE=1): why an operation has no accepted base. */
  trace?: (line: string) => void;
}

export interface Failure {
  kind: ViolationKind;
  message: string;
  cases: { c: FuzzCase; res: FuzzResponse }[];
  /** What the request(s) changed, for a partial write. */
  changes?: string[];
}

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'no answer';

export interface FuzzReport {
  seed: string;
  operations: number;
  /** Operations whose base request the platform accepted: the cases reach past validation. */
  accepted: string[];
  notAccepted: { key: string; status: number }[];
  cases: number;
  /** Cases the catalogue could derive, before sampling. */
  derivable: number;
  byClass: Record<StatusClass, number>;
  byFamily: Record<string, number>;
  byAuth: Record<string, number>;
  crossTenantCases: number;
  /** Batches whose fingerprints were compared (none had an accepted request). */
  batchesChecked: number;
  batchesUnsettled: number;
  bisectRequests: number;
  failures: Failure[];
  seconds: number;
}

const classOf = (status: number): StatusClass => (status === 0 ? 'no answer' : (`${Math.floor(status / 100)}xx` as StatusClass));
const succeeded = (res: FuzzResponse) => res.status >= 200 && res.status < 400;
/** Calls that replace a tenant's configuration run last, so the other operations' bases stay valid. */
const replacing = (c: FuzzCase) => c.op.method === 'PUT' || c.op.method === 'PATCH';
/** Requests re-run to halve groups that changed something, per run. */
const BISECT_BUDGET = 1500;

async function inPool<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i] as T);
      }
    }),
  );
  return out;
}

/**
 * The whole run: every operation of every document calibrated, its cases drawn from the
 * catalogue with the seed, run in batches with the databases and streams fingerprinted around
 * each; a batch that changed anything while refusing everything is bisected to the requests
 * that did it. Cases expected to be refused run first, on a settled platform; the others after.
 */
export async function runFuzz(target: FuzzTarget, options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const rng = new Rng(options.seed);
  const ops = Object.entries(target.documents).flatMap(([service, doc]) => operationsOf(service, doc));
  const identities = new Identities(target.tokens);
  const harvest = new Harvest();
  const calibrated = await calibrate({
    ops,
    identities,
    harvest,
    rng,
    origin: target.origin,
    settle: async () => void (await target.probe.settle()),
    ...(options.trace ? { trace: options.trace } : {}),
  });
  log(`calibrated ${ops.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const ownOnly = harvest.idsOnlyOf(identities.own);
  const garbage = await identities.garbage();
  const cases: FuzzCase[] = [];
  let derivable = 0;
  for (const op of ops) {
    const result = calibrated.get(operationKey(op)) as Calibrated;
    const base = { ...result.base, ownTenantPath: Object.values(result.base.pathValues).some((v) => ownOnly.has(v)) };
    const drawn = casesFor(base, identities.credentialsFor(result.allowed, result.right, garbage), rng.fork(operationKey(op)), options.casesPerOperation);
    cases.push(...drawn.cases);
    derivable += drawn.derivable;
  }
  const report: FuzzReport = {
    ...emptyReport(options.seed),
    operations: ops.length,
    accepted: [...calibrated].filter(([, r]) => r.base.accepted).map(([k]) => k),
    notAccepted: [...calibrated].filter(([, r]) => !r.base.accepted).map(([key, r]) => ({ key, status: r.lastStatus })),
    cases: cases.length,
    derivable,
  };

  const refused = rng.shuffle(cases.filter((c) => c.expect === 'reject'));
  const others = rng.shuffle(cases.filter((c) => c.expect !== 'reject'));
  const phases = [refused, [...others.filter((c) => !replacing(c)), ...others.filter(replacing)]];
  const runner = new BatchRunner(target.probe, (c) => send(target.origin(c.request.service), c.request), options, report, ownOnly);
  await runner.run(phases[0] ?? [], true);
  await runner.run(phases[1] ?? [], false);
  closeConnections();
  report.seconds = (Date.now() - started) / 1000;
  log(`ran ${report.cases} cases in ${report.seconds.toFixed(1)} s`);
  return report;
}

/** An empty report, for the runner to fill in. */
export function emptyReport(seed: string): FuzzReport {
  return {
    seed,
    operations: 0,
    accepted: [],
    notAccepted: [],
    cases: 0,
    derivable: 0,
    byClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, 'no answer': 0 },
    byFamily: {},
    byAuth: {},
    crossTenantCases: 0,
    batchesChecked: 0,
    batchesUnsettled: 0,
    bisectRequests: 0,
    failures: [],
    seconds: 0,
  };
}

/** Runs cases in batches, judging each answer and checking, between batches, that refusals changed nothing. */
export class BatchRunner {
  private baseline?: Fingerprint;

  constructor(
    private readonly probe: StateProbe,
    private readonly sendCase: (c: FuzzCase) => Promise<FuzzResponse>,
    private readonly options: Pick<FuzzOptions, 'batchSize' | 'concurrency' | 'log'>,
    private readonly report: FuzzReport,
    private readonly ownOnly: ReadonlySet<string>,
  ) {}

  /** `refusals`: every case is expected to be refused, so any batch may be checked. */
  async run(cases: FuzzCase[], refusals: boolean): Promise<void> {
    const size = this.options.batchSize ?? 60;
    this.baseline = await this.settled();
    for (let at = 0; at < cases.length; at += size) {
      const batch = cases.slice(at, at + size);
      const answers = await this.send(batch);
      answers.forEach((res, i) => this.judge(batch[i] as FuzzCase, res));
      const refusedOnes = batch.filter((_, i) => !succeeded(answers[i] as FuzzResponse));
      if (refusedOnes.length === batch.length && this.baseline) {
        const changes = diffFingerprints(this.baseline, await this.probe.take());
        this.report.batchesChecked++;
        if (changes.length > 0) this.options.log?.(`a batch of ${batch.length} refused requests changed ${changes.join('; ')}: bisecting`);
        if (changes.length > 0 && !(await this.bisect(batch, answers)))
          this.fail(
            { kind: 'partial-write', message: `${batch.length} refused requests changed the platform; running them again changed nothing more` },
            batch.map((c, i) => ({ c, res: answers[i] as FuzzResponse })),
            changes,
          );
      } else if (refusals && refusedOnes.length > 0) {
        // Some invalid requests were accepted (failures of their own): check the refused ones again, alone.
        this.baseline = await this.settled();
        await this.bisect(refusedOnes, refusedOnes.map((c) => answers[batch.indexOf(c)] as FuzzResponse));
      }
      this.baseline = await this.settled();
    }
  }

  private send(batch: FuzzCase[]): Promise<FuzzResponse[]> {
    return inPool(batch, this.options.concurrency ?? 8, this.sendCase);
  }

  private judge(c: FuzzCase, res: FuzzResponse): void {
    this.report.byClass[classOf(res.status)]++;
    this.report.byFamily[c.family] = (this.report.byFamily[c.family] ?? 0) + 1;
    this.report.byAuth[c.auth] = (this.report.byAuth[c.auth] ?? 0) + 1;
    if (c.crossTenant) this.report.crossTenantCases++;
    for (const v of judge(c, res, this.ownOnly)) this.fail(v, [{ c, res }]);
  }

  private fail(v: Violation, cases: Failure['cases'], changes?: string[]): void {
    this.report.failures.push({ kind: v.kind, message: v.message, cases, ...(changes ? { changes } : {}) });
  }

  private async settled(): Promise<Fingerprint | undefined> {
    const { fingerprint, settled } = await this.probe.settle();
    if (!settled) this.report.batchesUnsettled++;
    return settled ? fingerprint : undefined;
  }

  /**
   * Runs a group again from a settled platform; if it changes something, halves it until the
   * single requests that do are found (or the group that does only together). Halving stops
   * when the run's bisect budget is spent: the group is then reported whole.
   */
  private async bisect(group: FuzzCase[], answers: FuzzResponse[]): Promise<boolean> {
    const before = await this.settled();
    if (!before) return false;
    this.report.bisectRequests += group.length;
    await this.send(group);
    const changes = diffFingerprints(before, await this.probe.take());
    if (changes.length === 0) return false;
    this.options.log?.(`${group.length === 1 ? group[0]?.id : `${group.length} refused requests`} changed ${changes.join('; ')}`);
    const answered = group.map((c, i) => ({ c, res: answers[i] as FuzzResponse }));
    if (group.length > 1 && this.report.bisectRequests + group.length > BISECT_BUDGET) {
      this.fail({ kind: 'partial-write', message: `one of ${group.length} refused requests changed the platform (bisect budget spent)` }, answered, changes);
      return true;
    }
    if (group.length > 1) {
      const half = Math.ceil(group.length / 2);
      const left = await this.bisect(group.slice(0, half), answers.slice(0, half));
      const right = await this.bisect(group.slice(half), answers.slice(half));
      if (left || right) return true;
    }
    const what = group.length === 1 ? 'a refused request changed the platform' : `${group.length} refused requests changed the platform together`;
    this.fail({ kind: 'partial-write', message: what }, answered, changes);
    return true;
  }
}
