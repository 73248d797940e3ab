import { EntityManager } from 'typeorm';
import { Identity, ProblemError } from '@hotline/platform';
import { PiiCipher } from '../pii/pii-cipher';
import { RequestEntity } from './request.entity';
import { ListRequests } from './request-schemas';
import { maskedRequester, toRequestView, toTimelineView } from './request-views';
import { TimelineEntryEntity } from './timeline-entry.entity';
import { accessCodeMatches } from './request-number';

/** The tenant's requests, newest first. No tenant filter: row-level security scopes the query. */
export async function listRequests(manager: EntityManager, cipher: PiiCipher, query: ListRequests) {
  const [rows, total] = await manager.getRepository(RequestEntity).findAndCount({
    where: query.status ? { status: query.status } : {},
    order: { receivedAt: 'DESC', number: 'DESC' },
    take: query.limit,
    skip: query.offset,
  });
  return { items: rows.map((r) => toRequestView(r, maskedRequester(cipher, r))), total, limit: query.limit, offset: query.offset };
}

function timelineOf(manager: EntityManager, requestId: string): Promise<TimelineEntryEntity[]> {
  return manager.getRepository(TimelineEntryEntity).find({ where: { requestId }, order: { seq: 'ASC' } });
}

export async function getRequest(manager: EntityManager, cipher: PiiCipher, id: string) {
  const request = await manager.getRepository(RequestEntity).findOneBy({ id });
  if (!request) throw ProblemError.notFound('request');
  const timeline = await timelineOf(manager, id);
  return { ...toRequestView(request, maskedRequester(cipher, request)), timeline: timeline.map(toTimelineView) };
}

/**
 * The one clear read of a requester's identity, audited in the same transaction. A
 * confidential (保密) request's identity is for supervisors only.
 */
export async function readRequesterInClear(manager: EntityManager, cipher: PiiCipher, who: Identity, id: string) {
  const r = await manager.getRepository(RequestEntity).findOneBy({ id });
  if (!r) throw ProblemError.notFound('request');
  if (r.confidential && !who.roles.includes('supervisor'))
    throw ProblemError.forbidden('the requester of a confidential request is visible to supervisors only');
  await manager.query(`insert into pii_access_log (tenant_id, request_id, subject, roles) values ($1, $2, $3, $4)`, [
    who.tenantId,
    r.id,
    who.subject,
    who.roles,
  ]);
  return {
    requestId: r.id,
    number: r.number,
    confidential: r.confidential,
    name: cipher.decrypt(r.tenantId, r.requesterNameEnc),
    phone: cipher.decrypt(r.tenantId, r.requesterPhoneEnc),
    idNumber: cipher.decryptOptional(r.tenantId, r.requesterIdNumberEnc) ?? null,
    address: cipher.decryptOptional(r.tenantId, r.requesterAddressEnc) ?? null,
  };
}

/** Public progress (流水号 + 提取码): status and time only. Unknown number and wrong code look alike. */
export async function publicProgress(manager: EntityManager, number: string, code: string) {
  const request = await manager.getRepository(RequestEntity).findOneBy({ number });
  if (!request || !accessCodeMatches(number, code, request.accessCodeHash)) throw ProblemError.notFound('request');
  const timeline = await timelineOf(manager, request.id);
  return {
    number: request.number,
    status: request.status,
    receivedAt: request.receivedAt.toISOString(),
    timeline: timeline.filter((t) => t.status !== null).map((t) => ({ status: t.status, at: t.at.toISOString() })),
  };
}
