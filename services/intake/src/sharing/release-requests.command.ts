import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { FieldRule, needsIdentity, releaseRecord, releaseRefusal } from '@hotline/intake-domain';
import { Identity, PiiCipher, ProblemError, uuidv7 } from '@hotline/platform';
import { DATA_SHARING_ACCESS_PURPOSE, type ReleaseKind } from '@hotline/vocabulary';
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
 * for the purpose it stated): each with only the agreed fields, masked as agreed, released and
 * logged by `releaseUnder` — the one release path the push feed takes too.
 */
export async function releaseRequests(manager: EntityManager, cipher: PiiCipher, who: Identity, query: ReleaseRequest, now: Date = new Date()) {
  const agreement = await agreementFor(manager, who, now);
  const since = query.since === undefined ? undefined : new Date(query.since);
  const release = await releaseUnder(manager, cipher, who, agreement, { cursor: query.cursor ?? null, since }, query.limit, 'pull', now);
  return {
    releaseId: release.releaseId,
    agreementId: agreement.id,
    departmentCode: agreement.departmentCode,
    releasedAt: now.toISOString(),
    fields: release.fields,
    items: release.items,
    next: release.next,
  };
}

/** Where a release starts: after a previous release's `next`, or at requests received from `since`; neither, from the agreement's start. */
export interface ReleaseStart {
  cursor: string | null;
  since?: Date;
}

/** What one release gave: its log entry's id (null for an empty push, which is not logged), the fields, the items, the cursor after them. */
export interface Release {
  releaseId: string | null;
  fields: FieldRule[];
  items: Array<Record<string, string | null>>;
  requestIds: string[];
  next: string | null;
}

/**
 * The release path (pull and push alike): the next requests `agreement` covers from `start`
 * (its validity, request types, categories and areas), each with only the agreed fields masked
 * as agreed. In the caller's transaction the release is logged (agreement, department, kind,
 * recipient, when, the requests, the fields, the cursors), and every personal field given in
 * clear is recorded in the access log like any other clear read, under the purpose
 * `data-sharing`. The identity is opened in memory only when a personal field is released, and
 * never for a confidential (保密) request. A pull is logged even when it finds nothing; a push
 * that finds nothing releases nothing and is not (it looks again every interval).
 */
export async function releaseUnder(
  manager: EntityManager,
  cipher: PiiCipher,
  recipient: Identity,
  agreement: SharingAgreement,
  start: ReleaseStart,
  limit: number,
  kind: ReleaseKind,
  now: Date,
): Promise<Release> {
  const after = start.cursor === null ? undefined : decodeCursor(start.cursor);
  const rows = await releasableRequests(manager, agreement, after, start.since, limit);
  const released = agreement.fields.filter((r) => r.masking !== 'drop');
  if (rows.length === 0 && kind === 'feed') return { releaseId: null, fields: released, items: [], requestIds: [], next: start.cursor };
  const timeZone = await timeZoneOf(manager, recipient.tenantId);
  const withIdentity = needsIdentity(agreement.fields);

  const items: Array<Record<string, string | null>> = [];
  for (const row of rows) {
    // openRequester reads the tenant and the identity columns only, all of which the row has.
    const identity = withIdentity && !row.confidential ? openRequester(cipher, row as unknown as RequestEntity) : undefined;
    const record = releaseRecord(shareable(row), identity, agreement.fields, timeZone);
    items.push({ ref: refOf(agreement.id, row.id), ...record.fields });
    if (record.disclosed.length > 0)
      await recordPiiAccess(manager, recipient, {
        requestId: row.id,
        fields: record.disclosed,
        purpose: DATA_SHARING_ACCESS_PURPOSE,
        note: `sharing agreement ${agreement.id}`,
        unit: agreement.departmentCode,
      });
  }
  const last = rows[rows.length - 1];
  const next = last ? encodeCursor({ at: new Date(last.receivedAt), id: last.id }) : start.cursor;
  const releaseId = uuidv7();
  const requestIds = rows.map((r) => r.id);
  await insertRelease(manager, {
    id: releaseId,
    tenantId: recipient.tenantId,
    agreementId: agreement.id,
    departmentCode: agreement.departmentCode,
    kind,
    subject: recipient.subject,
    releasedAt: now,
    itemCount: items.length,
    requestIds,
    fields: released.map((r) => r.field),
    cursorAfter: start.cursor ?? (start.since ? start.since.toISOString() : null),
    cursorNext: next,
  });
  return { releaseId, fields: released, items, requestIds, next };
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
