import { EntityManager } from 'typeorm';
import { CALL_REFERENCE_TTL_MINUTES } from '@hotline/intake-domain';
import { Identity, PiiCipher, ProblemError, uuidv7 } from '@hotline/platform';
import { callReferenceHash, newCallReference } from '../contact/call-reference';
import { lockCallback } from './callbacks.repository';
import { openCallback, requireOwnClaim } from './callback-commands';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

const gone = (code: string, detail: string) => new ProblemError(410, code, 'Call reference gone', detail);

/**
 * The agent holding a callback calls the caller through the telephony without seeing the
 * number, as a handling unit calls a requester (ADR 0030's click-to-call, references of the same
 * form and lifetime): an opaque reference the console hands to the telephony, stored by its hash
 * only, exchanged once within CALL_REFERENCE_TTL_MINUTES.
 */
export async function issueCallbackReference(manager: EntityManager, who: Identity, id: string, now: Date = new Date()) {
  const c = await openCallback(manager, id);
  requireOwnClaim(c, who);
  const reference = newCallReference();
  const expiresAt = new Date(now.getTime() + CALL_REFERENCE_TTL_MINUTES * 60_000);
  await manager.query(
    `insert into callback_call_references (id, tenant_id, callback_id, reference_hash, issued_by, issuer_roles, issued_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [uuidv7(), who.tenantId, id, callReferenceHash(reference), who.subject, who.roles, now, expiresAt],
  );
  return { callbackId: id, reference, expiresAt: expiresAt.toISOString() };
}

/**
 * The telephony exchanges a callback reference for the number it dials: once (410 after), before
 * it expires (410), and only while the item is still open and claimed by the agent who asked
 * (410 otherwise). The resolution, written in the same transaction (the telephony's subject, when,
 * on whose behalf by the issuer), is the audit of this disclosure of the number in clear.
 */
export async function resolveCallbackReference(manager: EntityManager, cipher: PiiCipher, who: Identity, reference: string, now: Date = new Date()) {
  const [ref]: Array<{ id: string; callback_id: string; issued_by: string; expires_at: Date; resolved_at: Date | null }> = await manager.query(
    `select id, callback_id, issued_by, expires_at, resolved_at from callback_call_references where reference_hash = $1 for update`,
    [callReferenceHash(reference)],
  );
  if (!ref) throw ProblemError.notFound('call reference');
  if (ref.resolved_at) throw gone('call_reference_used', 'this call reference was exchanged already; ask for a new one');
  if (ref.expires_at <= now) throw gone('call_reference_expired', 'this call reference has expired; ask for a new one');
  const c = await lockCallback(manager, ref.callback_id);
  if (!c || c.state !== 'claimed' || c.claimedBy !== ref.issued_by)
    throw gone('call_reference_void', 'the callback is no longer held by the agent who asked for this reference');
  await manager.query(`update callback_call_references set resolved_at = $2, resolved_by = $3 where id = $1`, [ref.id, now, who.subject]);
  return { callbackId: c.id, number: cipher.decrypt(c.tenantId, c.callerNumberEnc), issuedBy: ref.issued_by };
}
