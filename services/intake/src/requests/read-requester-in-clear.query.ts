import { EntityManager } from 'typeorm';
import { Identity, PiiCipher, ProblemError } from '@hotline/platform';
import { openRequester } from './requester-identity';
import { findRequest } from './requests.repository';

async function audit(manager: EntityManager, who: Identity, requestId: string): Promise<void> {
  await manager.query(`insert into pii_access_log (tenant_id, request_id, subject, roles) values ($1, $2, $3, $4)`, [
    who.tenantId,
    requestId,
    who.subject,
    who.roles,
  ]);
}

/**
 * The one clear read of a requester's identity, audited in the same transaction. A
 * confidential (保密) request's identity is for supervisors only. An anonymous request has no
 * identity to reveal: the answer says so, and nothing is audited, since the access log records
 * disclosures of personal information and none takes place.
 */
export async function readRequesterInClear(manager: EntityManager, cipher: PiiCipher, who: Identity, id: string) {
  const r = await findRequest(manager, id);
  if (!r) throw ProblemError.notFound('request');
  if (!r.anonymous && r.confidential && !who.roles.includes('supervisor'))
    throw ProblemError.forbidden('the requester of a confidential request is visible to supervisors only');
  const requester = openRequester(cipher, r);
  if (requester.anonymous) return { requestId: r.id, number: r.number, anonymous: true as const };
  await audit(manager, who, r.id);
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
