import { EntityManager } from 'typeorm';
import { DuplicatePolicy, rankTerminatedMatches, TerminatedMatchSignals, TerminationMark } from '@hotline/intake-domain';
import type { RequestStatus, TerminationReason } from '@hotline/vocabulary';
import { matchTextOf } from '../duplicates/duplicates.repository';
import { maskedFreeText } from '../requests/free-text';
import type { RequestEntity } from '../requests/request.entity';

// request_match_texts has no row-level security (ADR 0019): its join names the tenant itself.
const OWN_TENANT = `current_setting('app.tenant_id', true)`;
const NO_REQUEST = '00000000-0000-0000-0000-000000000000';

/** What is compared of a contact against the terminated requests: the requester's hash, the category, the masked text. */
export interface TerminatedMatchProbe {
  requesterKey: string | null;
  categoryCode: string | null;
  title: string;
  content: string;
  /** The contact itself, when it is already registered. */
  excludeRequestId?: string;
}

interface TerminatedRow {
  id: string;
  number: string;
  status: RequestStatus;
  categoryCode: string | null;
  title: string;
  receivedAt: Date;
  termination: TerminationMark;
}

/**
 * The terminated requests (an approved termination, whatever the status since) a contact may
 * repeat: the same requester, or similar text in the same category. Terminations are few beside
 * requests, so the approved ones are scanned from their own table and no window applies.
 */
export async function findTerminatedMatches(
  manager: EntityManager,
  probe: TerminatedMatchProbe,
  policy: Pick<DuplicatePolicy, 'minTextSimilarity'>,
): Promise<Array<{ candidate: TerminatedRow; signals: TerminatedMatchSignals }>> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `select r.id, r.number, r.status, r.category_code, r.title, r.received_at,
            t.id as termination_id, t.reason_code, t.legal_route, t.decided_at,
            coalesce(r.requester_key = $1, false) as same_requester,
            coalesce(r.category_code = $2, false) as same_category,
            coalesce(similarity(m.match_text, $3), 0) as text_similarity
       from request_terminations t
       join requests r on r.id = t.request_id
       left join request_match_texts m on m.request_id = r.id and m.tenant_id = ${OWN_TENANT}
      where t.state = 'approved' and r.id <> coalesce($4::uuid, '${NO_REQUEST}')
        and (r.requester_key = $1 or (r.category_code = $2 and similarity(m.match_text, $3) >= $5))`,
    [probe.requesterKey, probe.categoryCode, matchTextOf(probe.title, probe.content), probe.excludeRequestId ?? null, policy.minTextSimilarity],
  );
  return rows.map((r) => ({
    candidate: {
      id: String(r.id),
      number: String(r.number),
      status: r.status as RequestStatus,
      categoryCode: (r.category_code as string | null) ?? null,
      title: String(r.title),
      receivedAt: new Date(r.received_at as string),
      termination: {
        terminationId: String(r.termination_id),
        reasonCode: r.reason_code as TerminationReason,
        legalRoute: String(r.legal_route),
        terminatedAt: new Date(r.decided_at as string),
      },
    },
    signals: { sameRequester: Boolean(r.same_requester), sameCategory: Boolean(r.same_category), textSimilarity: Number(r.text_similarity) },
  }));
}

/** A termination as the agent sees it on a candidate or a match: what ended the matter and what the requester was told. */
export function toTerminationMarkView(t: TerminationMark) {
  return { terminationId: t.terminationId, reasonCode: t.reasonCode, legalRoute: t.legalRoute, terminatedAt: t.terminatedAt.toISOString() };
}

/**
 * The terminated matters a contact repeats, best first, for the agent to answer it as one
 * (scope decision `terminated-matter`): masked title, no identity.
 */
export async function terminatedMatches(manager: EntityManager, probe: TerminatedMatchProbe, policy: Pick<DuplicatePolicy, 'minTextSimilarity'>) {
  const ranked = rankTerminatedMatches(await findTerminatedMatches(manager, probe, policy), policy);
  return ranked.map(({ candidate: c, reasons, textSimilarity }) => ({
    requestId: c.id,
    number: c.number,
    status: c.status,
    categoryCode: c.categoryCode,
    title: c.title,
    receivedAt: c.receivedAt.toISOString(),
    reasons,
    textSimilarity,
    termination: toTerminationMarkView(c.termination),
  }));
}

/** The terminated matters a registered request repeats. */
export function terminatedMatchesOfRequest(manager: EntityManager, request: RequestEntity, policy: Pick<DuplicatePolicy, 'minTextSimilarity'>) {
  const { title, content } = maskedFreeText(request);
  return terminatedMatches(
    manager,
    { requesterKey: request.requesterKey ?? null, categoryCode: request.categoryCode, title, content, excludeRequestId: request.id },
    policy,
  );
}
