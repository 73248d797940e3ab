/**
 * Whether an error says the infrastructure is unavailable for now (database or broker
 * unreachable, restarting, out of connections; a serialization conflict or deadlock that a
 * retry resolves) rather than that this input can never succeed. Transient failures are retried
 * for as long as it takes and answered 503; only deterministic ones become dead letters or 4xx.
 */
export function isTransientError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SYSCALL.has(code))) return true;
    if (typeof message === 'string' && TRANSIENT_MESSAGE.test(message)) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

// SQLSTATE classes and codes (PostgreSQL appendix A): 08 connection exception, 53 insufficient
// resources, 57P01–57P05 shutdown / cannot connect now / idle timeouts, 40001 serialization
// failure, 40P01 deadlock, 55P03 lock not available, 57014 statement cancelled (timeout), 58
// system error, XX000 is not here: an internal error is not known to pass.
const TRANSIENT_SQLSTATE = /^(08...|53...|57P0[1-5]|40001|40P01|55P03|57014|58...)$/;
// Node's socket errors, and the NATS client's codes for a broker that is away or slow.
const TRANSIENT_SYSCALL = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND',
  'TIMEOUT', 'CONNECTION_CLOSED', 'DISCONNECT', 'CONNECTION_REFUSED', '503',
]);
// pg and pg-pool say these in messages without a code.
const TRANSIENT_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down|in recovery mode)|is not currently accepting connections/i;
