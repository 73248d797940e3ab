import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

/** Whether a URL's host is this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Why a feed's URL is refused, or undefined. HTTPS only: the batch may carry personal data, and
 * the signature proves who sent it, not that nobody read it on the way. Plain HTTP only to this
 * machine and only while `loopbackHttp` (AUTH_MODE=local: the local start and the tests, never a
 * deployment behind an identity provider). No credentials in the URL (they would sit in the
 * database in clear) and no fragment (never sent).
 */
export function endpointRefusal(value: string, loopbackHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute https URL';
  }
  if (url.username || url.password) return 'must not carry credentials; the feed is authenticated by its signature';
  if (url.hash) return 'must not have a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && loopbackHttp && isLoopbackHost(url.hostname)) return undefined;
  return url.protocol === 'http:'
    ? loopbackHttp
      ? 'must be https (http only to this machine, in local mode)'
      : 'must be https'
    : 'must be an absolute https URL';
}

/** A feed's signing secret: `whsec_` and 32 random bytes in base64url; shown once, kept encrypted. */
export function newFeedSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
