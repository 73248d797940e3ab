import { EntityManager } from 'typeorm';
import { isUuid } from '@hotline/platform';
import type { RequestStatus, TerminationReason, TerminationState } from '@hotline/vocabulary';

// No tenant filter here: row-level security scopes each statement to the tenant it runs under.

/** One proposal to terminate a request (诉求终结) and its decision. Free text masked as stored. */
export interface Termination {
  id: string;
  tenantId: string;
  requestId: string;
  state: TerminationState;
  reasonCode: TerminationReason;
  evidenceRequestNumbers: string[];
  hearingRecord: string | null;
  legalRoute: string;
  note: string | null;
  proposedBy: string;
  proposedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

/** A termination with the request it is about, as lists show it. */
export interface TerminationOfRequest extends Termination {
  requestNumber: string;
  requestStatus: RequestStatus;
}

const COLUMNS = `t.id, t.tenant_id as "tenantId", t.request_id as "requestId", t.state, t.reason_code as "reasonCode",
  t.evidence_request_numbers as "evidenceRequestNumbers", t.hearing_record as "hearingRecord", t.legal_route as "legalRoute",
  t.note, t.proposed_by as "proposedBy", t.proposed_at as "proposedAt", t.decided_by as "decidedBy", t.decided_at as "decidedAt",
  t.decision_note as "decisionNote"`;

export async function insertTermination(manager: EntityManager, t: Termination): Promise<void> {
  await manager.query(
    `insert into request_terminations (id, tenant_id, request_id, state, reason_code, evidence_request_numbers, hearing_record,
       legal_route, note, proposed_by, proposed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [t.id, t.tenantId, t.requestId, t.state, t.reasonCode, t.evidenceRequestNumbers, t.hearingRecord, t.legalRoute, t.note, t.proposedBy, t.proposedAt],
  );
}

/** Termination `id` of request `requestId`, locked; null for an unknown or malformed id or another request's. */
export async function lockTermination(manager: EntityManager, requestId: string, id: string): Promise<Termination | null> {
  if (!isUuid(id)) return null;
  const [row]: Termination[] = await manager.query(
    `select ${COLUMNS} from request_terminations t where t.id = $1 and t.request_id = $2 for update`,
    [id, requestId],
  );
  return row ?? null;
}

export async function openTerminationOf(manager: EntityManager, requestId: string): Promise<Termination | null> {
  const [row]: Termination[] = await manager.query(
    `select ${COLUMNS} from request_terminations t where t.request_id = $1 and t.state = 'proposed'`,
    [requestId],
  );
  return row ?? null;
}

export async function decideTermination(
  manager: EntityManager,
  id: string,
  d: { state: TerminationState; decidedBy: string; decidedAt: Date; decisionNote: string | null },
): Promise<void> {
  await manager.query(
    `update request_terminations set state = $2, decided_by = $3, decided_at = $4, decision_note = $5 where id = $1 and state = 'proposed'`,
    [id, d.state, d.decidedBy, d.decidedAt, d.decisionNote],
  );
}

/** Every termination of a request, oldest first (its history). */
export async function terminationsOf(manager: EntityManager, requestId: string): Promise<Termination[]> {
  return manager.query(`select ${COLUMNS} from request_terminations t where t.request_id = $1 order by t.proposed_at, t.id`, [requestId]);
}

/** The termination that stands for a request: its open proposal, else its approved one; null when neither. */
export async function currentTerminationOf(manager: EntityManager, requestId: string): Promise<Termination | null> {
  const [row]: Termination[] = await manager.query(
    `select ${COLUMNS} from request_terminations t where t.request_id = $1 and t.state in ('proposed', 'approved')
      order by t.state = 'approved' desc limit 1`,
    [requestId],
  );
  return row ?? null;
}

/** The approved termination of a request, if any. */
export async function approvedTerminationOf(manager: EntityManager, requestId: string): Promise<Termination | null> {
  const [row]: Termination[] = await manager.query(
    `select ${COLUMNS} from request_terminations t where t.request_id = $1 and t.state = 'approved'`,
    [requestId],
  );
  return row ?? null;
}

export interface TerminationFilter {
  state?: TerminationState;
  limit: number;
  offset: number;
}

/**
 * The tenant's terminations with their requests and how many match. Open proposals (the approval
 * queue) oldest first, so the longest waiting is decided first; any other list newest first.
 */
export async function listTerminations(manager: EntityManager, f: TerminationFilter): Promise<[TerminationOfRequest[], number]> {
  const order = f.state === 'proposed' ? 't.proposed_at asc, t.id' : 't.proposed_at desc, t.id';
  const rows: TerminationOfRequest[] = await manager.query(
    `select ${COLUMNS}, r.number as "requestNumber", r.status as "requestStatus"
       from request_terminations t join requests r on r.id = t.request_id
      where ($1::text is null or t.state = $1)
      order by ${order} limit $2 offset $3`,
    [f.state ?? null, f.limit, f.offset],
  );
  const [{ total }] = await manager.query(`select count(*)::int as total from request_terminations where ($1::text is null or state = $1)`, [
    f.state ?? null,
  ]);
  return [rows, total];
}

/** The requests of the tenant with these numbers (evidence), by number. */
export async function requestsByNumber(manager: EntityManager, numbers: readonly string[]): Promise<Map<string, { id: string; receivedAt: Date }>> {
  if (numbers.length === 0) return new Map();
  const rows: Array<{ id: string; number: string; received_at: Date }> = await manager.query(
    `select id, number, received_at from requests where number = any($1::text[])`,
    [numbers],
  );
  return new Map(rows.map((r) => [r.number, { id: r.id, receivedAt: new Date(r.received_at) }]));
}

/** The contacts answered as repeats of this terminated request, oldest first. */
export async function repeatsOfTerminatedMatter(manager: EntityManager, requestId: string): Promise<Array<{ id: string; number: string; receivedAt: string }>> {
  const rows: Array<{ id: string; number: string; received_at: Date }> = await manager.query(
    `select id, number, received_at from requests where terminated_matter_of = $1 order by received_at, number`,
    [requestId],
  );
  return rows.map((r) => ({ id: r.id, number: r.number, receivedAt: new Date(r.received_at).toISOString() }));
}
