import { EntityManager } from 'typeorm';
import { AnonymisationScope, anonymiseRecord, CaseRequest } from '@hotline/revisit-domain';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { anonymisedColumn } from '@hotline/platform';

// Retention's shared fragments (libs/platform anonymised-sql): $2 is the marker.
const removed = (column: string) => anonymisedColumn(column, '$2');


/**
 * revisit's own copies of anonymised requests: the case file's brief (title, content, the masked
 * requester), the answers kept for review with their basis, contact record and the reviewers'
 * reasons, the revisits' notes (the hotline's finding, a judgement's note), the follow-ups'
 * notes with their history, and a termination's hearing record and legal route. Codes, ids,
 * instants and statuses stay. In the caller's tenant transaction; anonymising twice changes nothing.
 */
export async function anonymiseCaseFiles(manager: EntityManager, requestIds: string[], scope: AnonymisationScope): Promise<void> {
  if (requestIds.length === 0) return;
  const briefs: Array<{ request_id: string; brief: CaseRequest }> = await manager.query(
    `select request_id, brief from case_requests where request_id = any($1) for update`,
    [requestIds],
  );
  if (briefs.length > 0)
    await manager.query(
      `update case_requests c set brief = v.brief, updated_at = now()
       from unnest($1::text[], $2::jsonb[]) as v(request_id, brief) where c.request_id = v.request_id`,
      [briefs.map((b) => b.request_id), briefs.map((b) => JSON.stringify(anonymiseRecord(b.brief, scope)))],
    );
  if (!scope.freeText) return;
  await manager.query(
    `update reviews set answer = ${removed('answer')}, basis = ${removed('basis')}, contact_record = ${removed('contact_record')},
       reasons = array(select case when r = '' then r else $2 end from unnest(reasons) with ordinality as x(r, n) order by n)
     where request_id = any($1)`,
    [requestIds, ANONYMISED_MARKER],
  );
  await manager.query(`update revisits set note = ${removed('note')}, judgement_note = ${removed('judgement_note')} where request_id = any($1)`, [
    requestIds,
    ANONYMISED_MARKER,
  ]);
  await manager.query(`update follow_ups set note = ${removed('note')} where request_id = any($1)`, [requestIds, ANONYMISED_MARKER]);
  await manager.query(
    `update follow_up_history set note = ${removed('note')}
     where follow_up_id in (select id from follow_ups where request_id = any($1))`,
    [requestIds, ANONYMISED_MARKER],
  );
  await manager.query(
    `update case_terminations set hearing_record = ${removed('hearing_record')}, legal_route = ${removed('legal_route')} where request_id = any($1)`,
    [requestIds, ANONYMISED_MARKER],
  );
}
