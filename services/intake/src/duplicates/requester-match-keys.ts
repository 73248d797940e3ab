import { createHmac, hkdfSync } from 'node:crypto';
import { normaliseAddress, normalisePhone, Requester } from '@hotline/intake-domain';
import type { IntakeConfig } from '../config';

/** The keyed hashes a request stores so that repeats of its requester are found without decrypting anyone. */
export interface MatchKeys {
  requesterKey: string | null;
  addressKey: string | null;
}

/**
 * HMAC-SHA256 of the normalised phone and address under a key of the service and the tenant:
 * equal inputs of one tenant give equal hashes, and without the key a hash tells nothing (a
 * plain hash of an 11-digit phone is reversed by trying them all).
 */
export class RequesterMatchKeys {
  private readonly key: Buffer;

  constructor(config: Record<string, unknown>) {
    const own = config as IntakeConfig;
    this.key = own.REQUESTER_MATCH_KEY
      ? Buffer.from(own.REQUESTER_MATCH_KEY, 'base64')
      : Buffer.from(hkdfSync('sha256', Buffer.from(own.PII_MASTER_KEY, 'base64'), 'requester-match', 'hotline-requester-match-v1', 32));
  }

  private hash(tenantId: string, kind: 'phone' | 'address', normalised: string): string | null {
    if (normalised === '') return null;
    return createHmac('sha256', this.key).update(`${tenantId}\u0000${kind}\u0000${normalised}`).digest('base64url');
  }

  phoneKey(tenantId: string, phone: string | undefined): string | null {
    return phone === undefined ? null : this.hash(tenantId, 'phone', normalisePhone(phone));
  }

  addressKey(tenantId: string, address: string | undefined): string | null {
    return address === undefined ? null : this.hash(tenantId, 'address', normaliseAddress(address));
  }

  /** None for an anonymous requester: there is no one to match. */
  of(tenantId: string, requester: Requester): MatchKeys {
    if (requester.anonymous) return { requesterKey: null, addressKey: null };
    return { requesterKey: this.phoneKey(tenantId, requester.phone), addressKey: this.addressKey(tenantId, requester.address) };
  }
}
