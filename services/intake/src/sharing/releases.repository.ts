import { EntityManager } from 'typeorm';
import type { ReleaseKind } from '@hotline/vocabulary';
import type { RequestEntity } from '../requests/request.entity';
import type { SharingAgreement } from './agreements.repository';
import type { ReleasePosition } from './release-cursor';
import type { ReleaseLogFilter } from './sharing.schemas';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

/** The columns of a request that a release reads: what it may give, and what opens the identity and masks the text. */
export type ReleasableRow = Pick<
  RequestEntity,
  | 'id' | 'tenantId' | 'number' | 'receivedAt' | 'channel' | 'requestType' | 'urgency' | 'categoryCode' | 'areaCode' | 'status'
  | 'title' | 'titleEnc' | 'content' | 'contentEnc' | 'outcomeDetail' | 'outcomeDetailEnc' | 'freeTextSealed'
  | 'anonymous' | 'confidential' | 'requesterNameEnc' | 'requesterPhoneEnc' | 'requesterIdNumberEnc' | 'requesterAddressEnc'
> & { unitCode: string | null };

/**
 * The next requests an agreement covers, in the order releases go (received, then id), after
 * `after`: received within the agreement's validity, of its request types, categories (each
 * prefix with everything below it) and areas (likewise: a canonical division code is a prefix of
 * every code below it). Online submissions still waiting for an agent are not requests yet.
 */
export async function releasableRequests(
  manager: EntityManager,
  a: Pick<SharingAgreement, 'validFrom' | 'validUntil' | 'requestTypes' | 'categoryPrefixes' | 'areaCodes'>,
  after: ReleasePosition | undefined,
  since: Date | undefined,
  limit: number,
): Promise<ReleasableRow[]> {
  return manager.query(
    `select r.id, r.tenant_id as "tenantId", r.number, r.received_at as "receivedAt", r.channel, r.request_type as "requestType",
            r.urgency, r.category_code as "categoryCode", r.area_code as "areaCode", r.status, r.title, r.title_enc as "titleEnc",
            r.content, r.content_enc as "contentEnc", r.outcome_detail as "outcomeDetail", r.outcome_detail_enc as "outcomeDetailEnc",
            r.free_text_sealed as "freeTextSealed", r.anonymous, r.confidential, r.requester_name_enc as "requesterNameEnc",
            r.requester_phone_enc as "requesterPhoneEnc", r.requester_id_number_enc as "requesterIdNumberEnc",
            r.requester_address_enc as "requesterAddressEnc", u.code as "unitCode"
       from requests r left join unit_codes u on u.unit_id = r.primary_unit_id
      where r.scope_decision is not null
        and r.received_at >= greatest($1::timestamptz, coalesce($6::timestamptz, $1::timestamptz)) and r.received_at < $2
        and r.request_type = any($3::text[])
        and exists (select 1 from unnest($4::text[]) p where left(r.category_code, length(p)) = p)
        and exists (select 1 from unnest($5::text[]) p where left(r.area_code, length(p)) = p)
        and ($7::timestamptz is null or (r.received_at, r.id) > ($7::timestamptz, $8::uuid))
      order by r.received_at, r.id
      limit $9`,
    [a.validFrom, a.validUntil, a.requestTypes, a.categoryPrefixes, a.areaCodes, since ?? null, after?.at ?? null, after?.id ?? null, limit],
  );
}

/** The hotline's time zone, for instants coarsened to their day. */
export async function timeZoneOf(manager: EntityManager, tenantId: string): Promise<string> {
  const [row]: Array<{ tz: string }> = await manager.query(
    `select coalesce((select time_zone from tenant_directory where code = $1), 'Asia/Shanghai') as tz`,
    [tenantId],
  );
  return row?.tz ?? 'Asia/Shanghai';
}

/** One release as the log keeps it: which agreement, to whom, by whom, when, which requests and fields. */
export interface ReleaseLogEntry {
  id: string;
  tenantId: string;
  agreementId: string;
  departmentCode: string;
  kind: ReleaseKind;
  subject: string;
  releasedAt: Date;
  itemCount: number;
  requestIds: string[];
  fields: string[];
  cursorAfter: string | null;
  cursorNext: string | null;
}

export async function insertRelease(manager: EntityManager, e: ReleaseLogEntry): Promise<void> {
  await manager.query(
    `insert into sharing_releases (id, tenant_id, agreement_id, department_code, kind, subject, released_at, item_count, request_ids, fields,
       cursor_after, cursor_next)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [e.id, e.tenantId, e.agreementId, e.departmentCode, e.kind, e.subject, e.releasedAt, e.itemCount, e.requestIds, e.fields, e.cursorAfter, e.cursorNext],
  );
}

/** The release log, newest first; `from` inclusive, `to` exclusive. */
export async function findReleases(manager: EntityManager, f: ReleaseLogFilter): Promise<[ReleaseLogEntry[], number]> {
  const where = `where ($1::uuid is null or agreement_id = $1) and ($2::text is null or department_code = $2)
    and ($3::timestamptz is null or released_at >= $3) and ($4::timestamptz is null or released_at < $4)`;
  const filters = [f.agreementId, f.departmentCode, f.from, f.to].map((v) => v ?? null);
  const rows: ReleaseLogEntry[] = await manager.query(
    `select id, tenant_id as "tenantId", agreement_id as "agreementId", department_code as "departmentCode", kind, subject,
            released_at as "releasedAt", item_count as "itemCount", request_ids::text[] as "requestIds", fields,
            cursor_after as "cursorAfter", cursor_next as "cursorNext"
       from sharing_releases ${where} order by released_at desc, id desc limit $5 offset $6`,
    [...filters, f.limit, f.offset],
  );
  const [{ total }] = await manager.query(`select count(*)::int as total from sharing_releases ${where}`, filters);
  return [rows, total];
}
