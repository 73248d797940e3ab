import { EntityManager } from 'typeorm';
import { CandidateSignals, DuplicatePolicy, TerminationMark, terminationMarkOf } from '@hotline/intake-domain';
import type { RequestStatus, TerminationReason } from '@hotline/vocabulary';
import type { ExternalRefInput } from './duplicates.schemas';

// Row-level security scopes these queries to the caller's tenant, except request_match_texts,
// which has none (ADR 0016): its queries name the tenant of the transaction themselves.
const OWN_TENANT = `current_setting('app.tenant_id', true)`;

/** What the store knows of a contact to look for its repeats: hashes, area, masked text, cases. */
export interface DuplicateProbe {
  requesterKey: string | null;
  addressKey: string | null;
  areaCode: string;
  /** Masked title and content, as the stored requests keep them (only the first MATCH_TEXT_CHARS are compared). */
  title: string;
  content: string;
  externalRefs: ExternalRefInput[];
  /** The request itself, when it is already registered. */
  excludeRequestId?: string;
  /** The probe's instant: candidates were received within the window before it. */
  at: Date;
}

export interface CandidateRow {
  id: string;
  number: string;
  status: RequestStatus;
  channel: string;
  areaCode: string;
  title: string;
  receivedAt: Date;
  /** The termination that ended it (诉求终结), for a terminated request (or one archived since); null otherwise. */
  termination: TerminationMark | null;
}

/** The text compared (request_match_texts): the first 160 characters of the masked title and content. */
export const MATCH_TEXT_CHARS = 160;

export function matchTextOf(title: string, content: string): string {
  return Array.from(`${title} ${content}`).slice(0, MATCH_TEXT_CHARS).join('');
}

export async function insertMatchText(manager: EntityManager, tenantId: string, requestId: string, receivedAt: Date, title: string, content: string) {
  await manager.query(`insert into request_match_texts (request_id, tenant_id, received_at, match_text) values ($1, $2, $3, $4)`, [
    requestId,
    tenantId,
    receivedAt,
    matchTextOf(title, content),
  ]);
}

/** How many requests matched by text alone are ranked; identity, address and case matches are few and all taken. */
const TEXT_MATCHES = 200;

/**
 * Earlier requests of the window that share the requester, the address or a case, or whose text
 * is trigram-similar (pg_trgm `%`, the GIN index request_match_texts_trgm), with every signal of
 * each. Merged requests are left out: their master is the one to merge into.
 */
export async function findCandidateSignals(
  manager: EntityManager,
  probe: DuplicateProbe,
  policy: DuplicatePolicy,
): Promise<Array<{ candidate: CandidateRow; signals: CandidateSignals }>> {
  await manager.query(`select set_config('pg_trgm.similarity_threshold', $1, true)`, [String(policy.minTextSimilarity)]);
  const since = new Date(probe.at.getTime() - policy.windowDays * 86_400_000);
  const kinds = probe.externalRefs.map((r) => r.kind);
  const references = probe.externalRefs.map((r) => r.reference);
  const rows: Array<Record<string, unknown>> = await manager.query(
    `with by_case as (
       select distinct e.request_id from request_external_refs e
        join unnest($6::text[], $7::text[]) as p(kind, reference) on p.kind = e.kind and p.reference = e.reference
     ),
     by_text as (
       select request_id as id from request_match_texts
        where tenant_id = ${OWN_TENANT} and match_text % $4 and received_at >= $1 and received_at <= $2
        order by similarity(match_text, $4) desc limit ${TEXT_MATCHES}
     ),
     matched as (
       select id from requests where requester_key = $3 and received_at >= $1 and received_at <= $2
       union select id from requests where address_key = $5 and received_at >= $1 and received_at <= $2
       union select request_id from by_case
       union select id from by_text
     )
     select r.id, r.number, r.status, r.channel, r.area_code, r.title, r.received_at,
            coalesce(r.requester_key = $3, false) as same_requester,
            coalesce(r.address_key = $5, false) as same_address,
            r.area_code = $8 as same_area,
            r.id in (select request_id from by_case) as same_case,
            coalesce(similarity(t.match_text, $4), 0) as text_similarity,
            x.id as termination_id, x.reason_code, x.legal_route, x.decided_at
       from requests r join matched m on m.id = r.id
       left join request_match_texts t on t.request_id = r.id and t.tenant_id = ${OWN_TENANT}
       left join request_terminations x on x.request_id = r.id and x.state = 'approved'
      where r.received_at >= $1 and r.received_at <= $2 and r.merged_into is null and r.id <> coalesce($9::uuid, '00000000-0000-0000-0000-000000000000')`,
    [since, probe.at, probe.requesterKey, matchTextOf(probe.title, probe.content), probe.addressKey, kinds, references, probe.areaCode, probe.excludeRequestId ?? null],
  );
  return rows.map((r) => ({
    candidate: {
      id: String(r.id),
      number: String(r.number),
      status: r.status as RequestStatus,
      channel: String(r.channel),
      areaCode: String(r.area_code),
      title: String(r.title),
      receivedAt: new Date(r.received_at as string),
      termination: terminationMarkOf(
        r.status as RequestStatus,
        r.termination_id
          ? {
              terminationId: String(r.termination_id),
              reasonCode: r.reason_code as TerminationReason,
              legalRoute: String(r.legal_route),
              terminatedAt: new Date(r.decided_at as string),
            }
          : null,
      ),
    },
    signals: {
      sameRequester: Boolean(r.same_requester),
      sameAddress: Boolean(r.same_address),
      sameArea: Boolean(r.same_area),
      sameExternalReference: Boolean(r.same_case),
      textSimilarity: Number(r.text_similarity),
    },
  }));
}

export async function insertExternalRefs(manager: EntityManager, tenantId: string, requestId: string, refs: readonly ExternalRefInput[]) {
  for (const ref of refs)
    await manager.query(`insert into request_external_refs (tenant_id, request_id, kind, reference) values ($1, $2, $3, $4)`, [
      tenantId,
      requestId,
      ref.kind,
      ref.reference,
    ]);
}

export async function externalRefsOf(manager: EntityManager, requestId: string): Promise<ExternalRefInput[]> {
  return manager.query(`select kind, reference from request_external_refs where request_id = $1 order by kind, reference`, [requestId]);
}

/** The other requests naming one of the cases of a request: a second request of a case is flagged. */
export async function otherRequestsOfCases(
  manager: EntityManager,
  requestId: string,
): Promise<Array<{ kind: string; reference: string; requestId: string; number: string }>> {
  const rows: Array<{ kind: string; reference: string; request_id: string; number: string }> = await manager.query(
    `select e.kind, e.reference, o.request_id, r.number
       from request_external_refs e
       join request_external_refs o on o.kind = e.kind and o.reference = e.reference and o.request_id <> e.request_id
       join requests r on r.id = o.request_id
      where e.request_id = $1
      order by r.received_at, r.number`,
    [requestId],
  );
  return rows.map((r) => ({ kind: r.kind, reference: r.reference, requestId: r.request_id, number: r.number }));
}

/** Requests merged into a master, oldest first. */
export async function mergedInto(manager: EntityManager, masterId: string): Promise<Array<{ id: string; number: string }>> {
  return manager.query(`select id, number from requests where merged_into = $1 order by received_at, number`, [masterId]);
}

/** The master's row locked for the merge (it must stay open while a repeat joins it). */
export async function lockMaster(
  manager: EntityManager,
  id: string,
): Promise<{ id: string; number: string; status: RequestStatus; mergedInto: string | null; awaitingScope: boolean } | undefined> {
  const [row] = await manager.query(`select id, number, status, merged_into, scope_decision from requests where id = $1 for update`, [id]);
  return row
    ? { id: row.id, number: row.number, status: row.status, mergedInto: row.merged_into, awaitingScope: row.scope_decision === null }
    : undefined;
}
