import { EntityManager } from 'typeorm';
import type { RequestStatus, StatusChangeReason } from '@hotline/vocabulary';
import { TimelineEntryEntity } from './timeline-entry.entity';

export interface TimelineStep {
  at: Date;
  eventType: string;
  /** Never PII: codes, unit names, reason codes. */
  note: string;
  actor: string;
  /** Only when this step changed the status. */
  status?: RequestStatus;
  reason?: StatusChangeReason;
}

/** Appends a step; callers hold the request row (new, or locked FOR UPDATE), so seq is safe. */
export async function appendTimelineStep(manager: EntityManager, tenantId: string, requestId: string, step: TimelineStep): Promise<void> {
  await manager.query(
    `insert into request_timeline (tenant_id, request_id, seq, at, status, reason, actor, event_type, note)
     select $1, $2, coalesce(max(seq), 0) + 1, $3, $4, $5, $6, $7, $8 from request_timeline where request_id = $2`,
    [tenantId, requestId, step.at, step.status ?? null, step.reason ?? null, step.actor, step.eventType, step.note.slice(0, 500)],
  );
}

export function timelineOf(manager: EntityManager, requestId: string): Promise<TimelineEntryEntity[]> {
  return manager.getRepository(TimelineEntryEntity).find({ where: { requestId }, order: { seq: 'ASC' } });
}
