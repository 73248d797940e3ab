import { EntityManager } from 'typeorm';
import type { Termination } from '@hotline/revisit-domain';

/**
 * Keeps the termination intake approved for a request, once: a re-publication (another message
 * id) or a second termination of the same request changes nothing. Returns false then.
 */
export async function recordTermination(manager: EntityManager, tenantId: string, requestId: string, t: Termination): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `insert into case_terminations (tenant_id, request_id, termination_id, reason_code, evidence_request_numbers, hearing_record,
                                    legal_route, proposed_by, approved_by, terminated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (tenant_id, request_id) do nothing
     returning request_id`,
    [tenantId, requestId, t.terminationId, t.reasonCode, t.evidenceRequestNumbers, t.hearingRecord, t.legalRoute, t.proposedBy, t.approvedBy, t.terminatedAt],
  );
  return inserted.length > 0;
}
