import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The header of a webhook call's signature, in the form analytics' alert webhooks already use
 * (ADR 0016), so a receiver checks both the same way: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">` under the shared secret. The time lets a receiver refuse an old replay.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-hotline-signature';
/** The header naming the notification, the same on every attempt: a gateway drops what it already took. */
export const WEBHOOK_IDEMPOTENCY_HEADER = 'idempotency-key';

/** The signature of a body sent at `at`, as sent in WEBHOOK_SIGNATURE_HEADER. */
export function signBody(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * What a receiver does: recompute and compare in constant time; with `maxAgeS`, also refuse a
 * signature made longer ago than that (a replay).
 */
export function verifySignature(secret: string, body: string, header: string | undefined, options: { now?: Date; maxAgeS?: number } = {}): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = parts['t'];
  const v1 = parts['v1'];
  if (!t || !v1 || !/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (options.maxAgeS !== undefined && Math.abs((options.now ?? new Date()).getTime() / 1000 - Number(t)) > options.maxAgeS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
