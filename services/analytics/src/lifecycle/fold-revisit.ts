import { EntityManager } from 'typeorm';
import type { revisitEventsV1 } from '@hotline/contracts';
import { instantOrNull } from '@hotline/analytics-domain';
import { moveStage, recordClosure } from './request-facts';

/**
 * The request's latest revisit replaces an earlier one; category and receipt day are copied from
 * the request when analytics already knows it (recordBrief copies them when it arrives later).
 */
export async function foldRevisitRecorded(
  m: EntityManager, tenantId: string, e: revisitEventsV1.RevisitRecorded, fallbackAt: Date,
): Promise<void> {
  if (!e.requestId) return;
  const recordedAt = instantOrNull(e.recordedAt) ?? fallbackAt;
  await moveStage(m, tenantId, e.requestId, { stage: 'revisited', at: recordedAt });
  await m.query(
    `insert into revisit_facts (tenant_id, request_id, revisit_id, unit_id, resolved, satisfaction, recorded_at, category_code, day)
     select $1, $2, $3, nullif($4, ''), $5, $6, $7, q.category_code, q.day
     from request_facts q where q.tenant_id = $1 and q.request_id = $2
     on conflict (tenant_id, request_id) do update set
       revisit_id = excluded.revisit_id, unit_id = excluded.unit_id, resolved = excluded.resolved,
       satisfaction = excluded.satisfaction, recorded_at = excluded.recorded_at
     where revisit_facts.recorded_at <= excluded.recorded_at`,
    [tenantId, e.requestId, e.revisitId, e.unitId, e.resolved, e.satisfaction, recordedAt],
  );
  await recordClosure(m, tenantId, e.requestId, { closedAt: null, resolved: e.resolved, satisfaction: e.satisfaction });
}

export async function foldRequestClosed(
  m: EntityManager, tenantId: string, e: revisitEventsV1.RequestClosed, fallbackAt: Date,
): Promise<void> {
  if (!e.requestId) return;
  const closedAt = instantOrNull(e.closedAt) ?? fallbackAt;
  await moveStage(m, tenantId, e.requestId, { stage: 'closed', at: closedAt });
  await recordClosure(m, tenantId, e.requestId, { closedAt, resolved: e.resolved, satisfaction: e.satisfaction });
}

export async function foldRequestArchived(
  m: EntityManager, tenantId: string, e: revisitEventsV1.RequestArchived, fallbackAt: Date,
): Promise<void> {
  if (!e.requestId) return;
  await moveStage(m, tenantId, e.requestId, { stage: 'archived', at: instantOrNull(e.archivedAt) ?? fallbackAt });
}
