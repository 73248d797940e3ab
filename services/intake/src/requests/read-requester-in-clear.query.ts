import { EntityManager } from 'typeorm';
import { clearReadRefusal } from '@hotline/intake-domain';
import { Identity, PiiCipher, ProblemError } from '@hotline/platform';
import { recordPiiAccess, statedPurpose } from '../pii-access/pii-access-log';
import type { ClearRead } from '../pii-access/pii-access.schemas';
import { openRequester } from './requester-identity';
import { unitCodeOf } from '../contact/unit-codes.repository';
import { findRequest } from './requests.repository';

/**
 * The one clear read of a requester's identity, for a stated purpose, audited in the same
 * transaction (who, the fields disclosed, why). A confidential (保密) request's identity is for
 * supervisors only (clearReadRefusal). An anonymous request has no identity to reveal: the
 * answer says so, and nothing is audited, since the access log records disclosures of personal
 * information and none takes place.
 */
export async function readRequesterInClear(manager: EntityManager, cipher: PiiCipher, who: Identity, id: string, read: ClearRead) {
  const r = await findRequest(manager, id);
  if (!r) throw ProblemError.notFound('request');
  const refusal = clearReadRefusal('requester', who, { ...r, primaryUnitCode: await unitCodeOf(manager, r.primaryUnitId) });
  if (refusal) throw ProblemError.forbidden(refusal);
  const requester = openRequester(cipher, r);
  if (requester.anonymous) return { requestId: r.id, number: r.number, anonymous: true as const };
  const fields = ['requester.name', 'requester.phone'];
  if (requester.idNumber !== undefined) fields.push('requester.idNumber');
  if (requester.address !== undefined) fields.push('requester.address');
  await recordPiiAccess(manager, who, { requestId: r.id, fields, ...statedPurpose(read) });
  return {
    requestId: r.id,
    number: r.number,
    anonymous: false as const,
    confidential: r.confidential,
    name: requester.name,
    phone: requester.phone,
    idNumber: requester.idNumber ?? null,
    address: requester.address ?? null,
  };
}
