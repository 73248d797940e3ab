// Keeps one service process running for the local start command: reports its PID and how long
// each run took to answer /readyz, starts it again with backoff when it exits unexpectedly
// (restart-policy.mjs), and gives up when it keeps failing. stop() ends it without a restart.
import { afterUnexpectedExit, initialRestartState, RESTART_POLICY } from './restart-policy.mjs';

/** A run still not answering /readyz after this long is reported (once) as slow. */
export const READY_WITHIN_MS = 60_000;
// Time a service gets to finish its own SIGTERM shutdown before it is killed.
const STOP_GRACE_MS = 10_000;
const POLL_MS = 50;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function answersReady(url) {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (res) => res.status === 200,
    () => false,
  );
}

// What a run last wrote to stderr, on one line and short enough to quote in its exit line.
function oneLine(chunk) {
  const text = chunk.toString().replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * Starts `launch()` (a function returning a fresh ChildProcess with piped stderr) now and keeps it
 * running. `onPid(pid | null)` follows the current process; `onGiveUp(message)` is called once,
 * when the restart policy says a restart would not help.
 * @returns `{ firstReady, stop }`: firstReady resolves when a run first answers readyUrl.
 */
export function supervise({ name, launch, readyUrl, logFile, log, onPid, onGiveUp, policy = RESTART_POLICY }) {
  let state = initialRestartState();
  let current;
  let restarts = 0;
  let pendingRestart;
  let stopping = false;
  let markFirstReady;
  const firstReady = new Promise((resolve) => (markFirstReady = resolve));

  function start() {
    const run = { child: launch(), startedAt: Date.now(), restart: restarts, ready: false, exited: false, lastError: '' };
    current = run;
    const { pid } = run.child;
    onPid(pid);
    log(run.restart ? `${name} restarted (pid ${pid}, restart ${run.restart})` : `${name} started (pid ${pid})`);
    run.child.stderr.on('data', (chunk) => {
      const text = oneLine(chunk);
      if (text) run.lastError = text;
    });
    // 'close' rather than 'exit': by then its last stderr words have been read.
    run.child.once('close', (code, signal) => exited(run, code, signal));
    run.child.on('error', (err) => log(`${name} (pid ${pid}): ${err.message}`));
    void watchReadiness(run);
  }

  async function watchReadiness(run) {
    let reportedSlow = false;
    while (!run.exited && !stopping) {
      if (await answersReady(readyUrl)) {
        if (run.exited || stopping) return;
        run.ready = true;
        const took = seconds(Date.now() - run.startedAt);
        log(run.restart ? `${name} ready again in ${took} (pid ${run.child.pid})` : `${name} ready in ${took} (pid ${run.child.pid})`);
        markFirstReady();
        return;
      }
      if (run.restart && !reportedSlow && Date.now() - run.startedAt > READY_WITHIN_MS) {
        reportedSlow = true;
        log(`${name} not ready ${seconds(READY_WITHIN_MS)} after restart ${run.restart}; its log: ${logFile}`);
      }
      await sleep(POLL_MS);
    }
  }

  function exited(run, code, signal) {
    run.exited = true;
    onPid(null);
    if (stopping) return;
    const at = Date.now();
    const upForMs = at - run.startedAt;
    const cause = signal ? `signal ${signal}` : `exit code ${code}`;
    const said = `${name} exited (${cause}) after ${seconds(upForMs)}${run.lastError ? ` (last on stderr: ${run.lastError})` : ''}`;
    const decision = afterUnexpectedExit(state, { at, upForMs, code, wasReady: run.ready }, policy);
    if (!decision.restart) {
      log(said);
      onGiveUp(`giving up on ${name}: ${decision.reason}. Its log: ${logFile}`);
      return;
    }
    state = decision.state;
    log(`${said}; restarting in ${seconds(decision.delayMs)}`);
    pendingRestart = setTimeout(() => {
      restarts += 1;
      start();
    }, decision.delayMs);
  }

  /** Ends the current process (SIGTERM, SIGKILL after a grace period) and cancels any restart. */
  async function stop() {
    stopping = true;
    clearTimeout(pendingRestart);
    const run = current;
    if (!run || run.exited) return;
    await new Promise((resolve) => {
      const kill = setTimeout(() => run.child.kill('SIGKILL'), STOP_GRACE_MS);
      run.child.once('close', () => {
        clearTimeout(kill);
        resolve();
      });
      run.child.kill('SIGTERM');
    });
  }

  start();
  return { firstReady, stop };
}
