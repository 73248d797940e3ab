import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuiltServices } from '@hotline/testing';
import { ROOT } from './support/platform';

interface ChaosOutcome {
  name: string;
  error?: string;
  reconciliation?: { accepted: number; lost: number; doubled: number };
}

// The short fault-injection run (`npm run chaos -- --short`, bench/README.md): a service killed
// with -9 and one service's database down for 45 s under steady online submissions, then every
// accepted request reconciled across the five services. None may be lost or doubled.
describe('chaos, short: faults under load, reconciled', () => {
  let child: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'hotline-chaos-spec-'));

  afterAll(async () => {
    // Timed out: the runner stops its services and servers on SIGTERM.
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('loses and doubles no accepted request', async () => {
    requireBuiltServices(ROOT);
    const runner = join(ROOT, 'dist/bench/chaos/run.js');
    if (!existsSync(runner)) throw new Error('dist/bench/chaos is missing: run `npm run build`');
    const report = join(dir, 'chaos.json');
    let output = '';
    const code = await new Promise<number | null>((resolve) => {
      child = spawn('node', [runner, '--short', '--json', report], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (d) => (output += d));
      child.stderr?.on('data', (d) => (output += d));
      child.once('exit', resolve);
    });
    if (!existsSync(report)) throw new Error(`the chaos run wrote no report (exit ${code}):\n${output}`);
    const { outcomes } = JSON.parse(readFileSync(report, 'utf8')) as { outcomes: ChaosOutcome[] };
    const figures = outcomes.map((o) => ({ scenario: o.name, error: o.error, lost: o.reconciliation?.lost, doubled: o.reconciliation?.doubled }));
    if (code !== 0) process.stdout.write(output);

    expect(outcomes.map((o) => o.name)).toEqual(['kill-intake', 'dispatch-db-down-45s']);
    expect(outcomes.every((o) => (o.reconciliation?.accepted ?? 0) > 0)).toBe(true);
    expect(figures).toEqual(figures.map((f) => ({ scenario: f.scenario, error: undefined, lost: 0, doubled: 0 })));
    expect(code).toBe(0);
  }, 20 * 60_000);
});
