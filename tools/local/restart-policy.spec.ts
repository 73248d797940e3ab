import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// The start command's restart rule. restart-policy.mjs is an ES module like the start command
// that uses it, and Jest here loads CommonJS, so each sequence of exits is fed to it in a child
// node process; the rule itself is pure (no clock, no processes).
interface Exit {
  at: number;
  upForMs: number;
  code?: number | null;
  wasReady?: boolean;
}
type Decision = { restart: true; delayMs: number } | { restart: false; reason: string };

const policyUrl = pathToFileURL(join(__dirname, 'restart-policy.mjs')).href;

/** The decision after each exit in turn, until the first give-up. */
function decisions(exits: Exit[]): Decision[] {
  const script = `
    import { afterUnexpectedExit, initialRestartState } from ${JSON.stringify(policyUrl)};
    let state = initialRestartState();
    const out = [];
    for (const exit of JSON.parse(process.argv[1])) {
      const d = afterUnexpectedExit(state, { code: 1, wasReady: true, ...exit });
      out.push(d.restart ? { restart: true, delayMs: d.delayMs } : { restart: false, reason: d.reason });
      if (!d.restart) break;
      state = d.state;
    }
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(exits)], { encoding: 'utf8' }));
}

const delays = (list: Decision[]) => list.map((d) => (d.restart ? d.delayMs : d.reason));
const SECOND = 1000;

describe('restart policy of the local start command', () => {
  it('waits 0.5 s before the first restart, doubling after each quick exit up to 10 s', () => {
    // A service that crashes 15 s after each start: never five exits within a minute.
    const exits = Array.from({ length: 8 }, (_, i) => ({ at: i * 16 * SECOND, upForMs: 15 * SECOND }));
    expect(delays(decisions(exits))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('starts the backoff anew once a run had been up for 30 s', () => {
    const exits = [
      { at: 0, upForMs: 5 * SECOND },
      { at: 10 * SECOND, upForMs: 5 * SECOND },
      { at: 20 * SECOND, upForMs: 5 * SECOND },
      { at: 60 * SECOND, upForMs: 30 * SECOND },
      { at: 70 * SECOND, upForMs: 5 * SECOND },
    ];
    expect(delays(decisions(exits))).toEqual([500, 1000, 2000, 500, 1000]);
  });

  it('gives up at the fifth unexpected exit within 60 s, even of runs that had been ready', () => {
    const exits = Array.from({ length: 6 }, (_, i) => ({ at: i * 3 * SECOND, upForMs: 2 * SECOND }));
    expect(delays(decisions(exits))).toEqual([500, 1000, 2000, 4000, '5 unexpected exits within 60 s']);
  });

  it('counts only the exits of the last 60 s', () => {
    const exits = [0, 1, 2, 3, 60, 61, 62].map((s) => ({ at: s * SECOND, upForMs: SECOND }));
    // At 60 s the exit at 0 s has left the window; at 61 s the one at 1 s has, and so on.
    expect(decisions(exits).every((d) => d.restart)).toBe(true);
  });

  it('gives up at the fifth start in a row that exited before it was ready, however slowly it failed', () => {
    const slowFailure = (i: number) => ({ at: i * 20 * SECOND, upForMs: 19 * SECOND, wasReady: false });
    expect(delays(decisions([0, 1, 2, 3, 4].map(slowFailure)))).toEqual([
      500,
      1000,
      2000,
      4000,
      '5 starts in a row exited before it was ready',
    ]);
  });

  it('forgets failed starts once a run was ready', () => {
    const exits = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ at: i * 20 * SECOND, upForMs: 19 * SECOND, wasReady: i === 3 }));
    expect(decisions(exits).every((d) => d.restart)).toBe(true);
  });

  it('gives up at once on exit code 78 (invalid configuration), and restarts after a signal', () => {
    expect(delays(decisions([{ at: 0, upForMs: SECOND, code: 78 }]))).toEqual([
      'its configuration is invalid (exit code 78); a restart would fail the same way',
    ]);
    expect(delays(decisions([{ at: 0, upForMs: SECOND, code: null }]))).toEqual([500]);
  });
});
