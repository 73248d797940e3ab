import { EntityManager } from 'typeorm';
import { inCausalOrder } from '@hotline/intake-domain';
import { maskPersonalData } from '@hotline/privacy';
import type { RequestStatus, StatusChangeReason } from '@hotline/vocabulary';
import { TimelineEntryEntity } from './timeline-entry.entity';

export interface TimelineStep {
  at: Date;
  eventType: string;
  /** Codes, unit names and reasons; masked as it is written, since a reason another service sends may be free text. */
  note: string;
  actor: string;
  /** The status the step stands for, and why. */
  status?: RequestStatus;
  reason?: StatusChangeReason;
  round: number | null;
  /** The step moved the current status. */
  changedStatus: boolean;
  /** Set for steps brought by an event: neither the event nor its fact is recorded twice. */
  eventId?: string;
  factKey?: string;
}

/**
 * Appends a step unless its event or its fact is already recorded (false then). Callers hold
 * the request row (new, or locked FOR UPDATE), so seq and the check are safe.
 */
export async function appendTimelineStep(manager: EntityManager, tenantId: string, requestId: string, step: TimelineStep): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `insert into request_timeline
       (tenant_id, request_id, seq, at, status, reason, round, changed_status, actor, event_type, note, event_id, fact_key)
     select $1, $2, (select coalesce(max(seq), 0) + 1 from request_timeline where request_id = $2),
       $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
     where not exists (select 1 from request_timeline where request_id = $2 and (event_id = $11 or fact_key = $12))
     returning seq`,
    [
      tenantId,
      requestId,
      step.at,
      step.status ?? null,
      step.reason ?? null,
      step.round,
      step.changedStatus,
      step.actor,
      step.eventType,
      maskPersonalData(step.note).slice(0, 500),
      step.eventId ?? null,
      step.factKey ?? null,
    ],
  );
  return inserted.length > 0;
}

/** Every step of a request, in causal order whatever order they arrived in. */
export async function timelineOf(manager: EntityManager, requestId: string): Promise<TimelineEntryEntity[]> {
  return inCausalOrder(await manager.getRepository(TimelineEntryEntity).find({ where: { requestId } }));
}
