// When the local start command starts a service again after it exited unexpectedly, and when it
// stops trying. Pure: the supervisor (supervisor.mjs) keeps the state and passes the times in.

export const RESTART_POLICY = Object.freeze({
  firstDelayMs: 500,
  maxDelayMs: 10_000,
  // Up at least this long, a process counted as healthy: its next exit starts the backoff anew.
  stableAfterMs: 30_000,
  // This many unexpected exits within windowMs is a crash loop that waiting will not end.
  maxExitsInWindow: 5,
  windowMs: 60_000,
  // This many runs in a row that exited before answering /readyz: it cannot start, however slowly it fails.
  maxFailedStarts: 5,
});

// EX_CONFIG, what a service exits with when it rejects its variables (libs/platform config); the
// same variables would be rejected again.
const EXIT_CONFIG = 78;

export function initialRestartState() {
  return { exitTimes: [], quickExits: 0, failedStarts: 0 };
}

/**
 * The decision after one unexpected exit of a supervised service.
 * @param state what earlier decisions returned (initialRestartState() at first)
 * @param exit `{ at, upForMs, code, wasReady }`: when it exited (ms), how long that run had been up,
 *   its exit code (null when a signal ended it), and whether that run had answered /readyz
 * @returns `{ restart: true, delayMs, state }` or `{ restart: false, reason }`
 */
export function afterUnexpectedExit(state, exit, policy = RESTART_POLICY) {
  if (exit.code === EXIT_CONFIG) {
    return { restart: false, reason: `its configuration is invalid (exit code ${EXIT_CONFIG}); a restart would fail the same way` };
  }
  const exitTimes = [...state.exitTimes, exit.at].filter((at) => exit.at - at < policy.windowMs);
  if (exitTimes.length >= policy.maxExitsInWindow) {
    return { restart: false, reason: `${exitTimes.length} unexpected exits within ${policy.windowMs / 1000} s` };
  }
  const failedStarts = exit.wasReady ? 0 : state.failedStarts + 1;
  if (failedStarts >= policy.maxFailedStarts) {
    return { restart: false, reason: `${failedStarts} starts in a row exited before it was ready` };
  }
  const quickExits = exit.upForMs >= policy.stableAfterMs ? 0 : state.quickExits;
  const delayMs = Math.min(policy.firstDelayMs * 2 ** quickExits, policy.maxDelayMs);
  return { restart: true, delayMs, state: { exitTimes, quickExits: quickExits + 1, failedStarts } };
}
