import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { needsIdentity, releaseRecord, releaseRefusal } from '@hotline/intake-domain';
import { Identity, PiiCipher, ProblemError, uuidv7 } from '@hotline/platform';
import { DATA_SHARING_ACCESS_PURPOSE } from '@hotline/vocabulary';
import { recordPiiAccess } from '../pii-access/pii-access-log';
import { maskedFreeText } from '../requests/free-text';
import type { RequestEntity } from '../requests/request.entity';
import { openRequester } from '../requests/requester-identity';
import { activeAgreementOf, latestApprovedAgreementOf, SharingAgreement } from './agreements.repository';
import { decodeCursor, encodeCursor } from './release-cursor';
import { insertRelease, releasableRequests, ReleasableRow, timeZoneOf } from './releases.repository';
import type { ReleaseRequest } from './sharing.schemas';

const noAgreement = (detail: string) => new ProblemError(403, 'no_sharing_agreement', 'No sharing agreement', detail);

/**
 * A key of the request stable for one agreement and useless outside it: the department tells
 * one request from another across pulls without learning intake's ids, and two departments
 * cannot join what each was given.
 */
const refOf = (agreementId: string, requestId: string) => createHash('sha256').update(`${agreementId}:${requestId}`).digest('hex').slice(0, 32);

/** The agreement a recipient releases under now, or the 403 that says why there is none. */
async function agreementFor(manager: EntityManager, who: Identity, now: Date): Promise<SharingAgreement> {
  if (!who.department) throw noAgreement('the token carries no department claim');
  const agreement = await activeAgreementOf(manager, who.department, 'share');
  if (!agreement) {
    const last = await latestApprovedAgreementOf(manager, who.department);
    throw noAgreement(last ? `the agreement of ${who.department} is ${last.state}` : `${who.department} has no active sharing agreement`);
  }
  const refusal = releaseRefusal(agreement, now);
  if (refusal) throw noAgreement(refusal);
  return agreement;
}

/**
 * A department pulls the requests its agreement covers (谁使用谁负责: only what it agreed to,
 * for the purpose it stated): each with only the agreed fields, masked as agreed. In the same
 * transaction the release is logged (agreement, department, who, when, the requests, the
 * fields), and every personal field given in clear is recorded in the access log like any other
 * clear read, under the purpose `data-sharing`. The identity is opened in memory only when a
 * personal field is released, and never for a confidential (保密) request.
 */
export async function releaseRequests(manager: EntityManager, cipher: PiiCipher, who: Identity, query: ReleaseRequest, now: Date = new Date()) {
  const agreement = await agreementFor(manager, who, now);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const since = query.since === undefined ? undefined : new Date(query.since);
  const rows = await releasableRequests(manager, agreement, after, since, query.limit);
  const timeZone = await timeZoneOf(manager, who.tenantId);
  const withIdentity = needsIdentity(agreement.fields);
  const released = agreement.fields.filter((r) => r.masking !== 'drop');

  const items: Array<Record<string, string | null>> = [];
  for (const row of rows) {
    // openRequester reads the tenant and the identity columns only, all of which the row has.
    const identity = withIdentity && !row.confidential ? openRequester(cipher, row as unknown as RequestEntity) : undefined;
    const record = releaseRecord(shareable(row), identity, agreement.fields, timeZone);
    items.push({ ref: refOf(agreement.id, row.id), ...record.fields });
    if (record.disclosed.length > 0)
      await recordPiiAccess(manager, who, {
        requestId: row.id,
        fields: record.disclosed,
        purpose: DATA_SHARING_ACCESS_PURPOSE,
        note: `sharing agreement ${agreement.id}`,
        unit: agreement.departmentCode,
      });
  }
  const last = rows[rows.length - 1];
  const next = last ? encodeCursor({ at: new Date(last.receivedAt), id: last.id }) : (query.cursor ?? null);
  const releaseId = uuidv7();
  await insertRelease(manager, {
    id: releaseId,
    tenantId: who.tenantId,
    agreementId: agreement.id,
    departmentCode: agreement.departmentCode,
    kind: 'pull',
    subject: who.subject,
    releasedAt: now,
    itemCount: items.length,
    requestIds: rows.map((r) => r.id),
    fields: released.map((r) => r.field),
    cursorAfter: query.cursor ?? (since ? since.toISOString() : null),
    cursorNext: next,
  });
  return {
    releaseId,
    agreementId: agreement.id,
    departmentCode: agreement.departmentCode,
    releasedAt: now.toISOString(),
    fields: released,
    items,
    next,
  };
}

function shareable(row: ReleasableRow) {
  const text = maskedFreeText(row);
  return {
    number: row.number,
    receivedAt: new Date(row.receivedAt),
    channel: row.channel,
    requestType: row.requestType,
    urgency: row.urgency,
    categoryCode: row.categoryCode,
    areaCode: row.areaCode,
    status: row.status,
    title: text.title,
    content: text.content,
    answer: text.outcomeDetail,
    unitCode: row.unitCode,
    anonymous: row.anonymous,
    confidential: row.confidential,
  };
}
