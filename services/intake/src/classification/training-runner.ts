import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TrainingJob, TrainingResult } from './training-job';

// Started as an inline script so that the same runner serves the built service (plain .js with
// relative requires) and the TypeScript sources (tests): there the thread compiles .ts with swc
// (libs/classify's loader) and resolves @hotline/* as tsconfig.base.json maps them.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const ts = workerData.typescript;
if (ts) {
  require(ts.register);
  const Module = require('node:module');
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    const lib = /^@hotline\\/([a-z-]+)$/.exec(request);
    return resolveFilename.call(this, lib ? ts.libs + '/' + lib[1] + '/src/index.ts' : request, ...rest);
  };
}
require(workerData.entry);
`;

function threadData(job: TrainingJob) {
  const typescript = extname(__filename) === '.ts';
  const root = resolve(__dirname, '../../../..');
  return {
    entry: join(__dirname, `training-thread${extname(__filename)}`),
    typescript: typescript ? { register: join(root, 'libs/classify/bin/register-ts.js'), libs: join(root, 'libs') } : undefined,
    job,
  };
}

/**
 * Runs training jobs on a worker thread, one at a time per process: a run takes one core for up
 * to a minute (20,000 examples), and the event loop goes on serving intake meanwhile. Jobs wait
 * their turn, so on a 2-core node intake always keeps a core.
 */
export class TrainingRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private current?: Worker;
  private stopped = false;

  run(job: TrainingJob): Promise<TrainingResult> {
    const next = this.queue.then(() => this.runNow(job));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the running job's thread (its run fails) and refuses queued ones: the replica is stopping. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.terminate();
  }

  private runNow(job: TrainingJob): Promise<TrainingResult> {
    if (this.stopped) return Promise.reject(new Error('the service is stopping'));
    return new Promise<TrainingResult>((resolvePromise, reject) => {
      const worker = new Worker(BOOTSTRAP, { eval: true, workerData: threadData(job) });
      this.current = worker;
      let settled = false;
      worker.once('message', (message: { ok: true; result: TrainingResult } | { ok: false; message: string }) => {
        settled = true;
        if (message.ok) resolvePromise(message.result);
        else reject(new Error(message.message));
      });
      worker.once('error', (err) => {
        settled = true;
        reject(err);
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new Error(this.stopped ? 'stopped with its replica' : `training thread exited with code ${code}`));
      });
    }).finally(() => (this.current = undefined));
  }
}
