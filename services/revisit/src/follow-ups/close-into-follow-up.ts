import { EntityManager } from 'typeorm';
import { Outbox } from '@hotline/platform';
import { closeIntoFollowUp, RevisitClosure } from '@hotline/revisit-domain';
import type { FollowUpReason } from '@hotline/vocabulary';
import { RequestProgressEntity } from '../revisits/request-progress.entity';
import { scheduleFollowUp } from './follow-up-changes';

export interface FollowUpDecision {
  reason: FollowUpReason;
  /** Checked against the tenant's today already. */
  followUpOn: string;
  /** Masked already. */
  note: string;
  at: Date;
  by: string;
  timeZone: string;
}

/**
 * Adapts a closure (on the judged evaluation, or on the skipped revisit) into one that closes the
 * request into 持续跟踪: its follow-up opened for the primary unit now (FollowUpChanged
 * `scheduled`, its timer), the reviewer the closer, the basis `follow-up`.
 */
export function intoFollowUp(manager: EntityManager, outbox: Outbox, tenantId: string, progress: RequestProgressEntity, d: FollowUpDecision) {
  return async (closure: RevisitClosure): Promise<RevisitClosure> => {
    const followUp = await scheduleFollowUp(manager, outbox, {
      tenantId,
      requestId: progress.requestId,
      unitId: progress.primaryUnitId,
      workOrderId: progress.primaryWorkOrderId,
      reason: d.reason,
      followUpOn: d.followUpOn,
      note: d.note,
      at: d.at,
      by: d.by,
      timeZone: d.timeZone,
    });
    return closeIntoFollowUp(closure, followUp, d.by);
  };
}
