import { EntityManager } from 'typeorm';
import type { RequestStatus } from '@hotline/intake-domain';

export interface TimelineStep {
  at: Date;
  /** Only when this step changed the status. */
  status: RequestStatus | null;
  eventType: string;
  /** Never PII: codes, unit names, reasons codes. */
  note?: string;
}

/** Appends a step; callers hold the request row (new, or locked FOR UPDATE), so seq is safe. */
export async function appendTimeline(manager: EntityManager, tenantId: string, requestId: string, step: TimelineStep): Promise<void> {
  await manager.query(
    `insert into request_timeline (tenant_id, request_id, seq, at, status, event_type, note)
     select $1, $2, coalesce(max(seq), 0) + 1, $3, $4, $5, $6 from request_timeline where request_id = $2`,
    [tenantId, requestId, step.at, step.status, step.eventType, (step.note ?? '').slice(0, 500)],
  );
}
