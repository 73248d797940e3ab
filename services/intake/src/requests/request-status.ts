import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import type { StatusChange, StatusStep } from '@hotline/intake-domain';
import { Outbox } from '@hotline/platform';
import { isClosedStatus } from '@hotline/vocabulary';
import { moveStatus } from './requests.repository';
import { appendTimelineStep } from './timeline.repository';

export interface RequestStep {
  /** When the fact happened. */
  at: Date;
  /** The event type that brought it, or intake's own step (intake.registered …). */
  eventType: string;
  note: string;
  /** A staff token subject, or system:<service>. */
  actor: string;
  /** The status the step stands for, whatever the current status (a change stands for its own). */
  standsFor?: StatusStep;
  /** The handling round its fact names, if any. */
  round?: number | null;
  /** For a step brought by an event: its id and its fact, each recorded once. */
  eventId?: string;
  factKey?: string;
  /** The change of the current status this step makes, if any (decided by the domain). */
  change?: StatusChange;
}

/**
 * Records one step of a request, the caller holding its row: a timeline entry and, when the
 * status changes, the new status and its RequestStatusChanged, all in the caller's transaction.
 * The one place a request's status changes, so no change goes unannounced. A step whose event
 * or fact is already recorded adds nothing and changes nothing: false.
 */
export async function recordStep(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  requestId: string,
  step: RequestStep,
): Promise<boolean> {
  const { change } = step;
  const standsFor = change ?? step.standsFor;
  const recorded = await appendTimelineStep(manager, tenantId, requestId, {
    at: step.at,
    eventType: step.eventType,
    note: step.note,
    actor: step.actor,
    ...(standsFor ? { status: standsFor.to, reason: standsFor.reason } : {}),
    round: step.round ?? null,
    changedStatus: change !== undefined,
    eventId: step.eventId,
    factKey: step.factKey,
  });
  if (!recorded || !change) return recorded;
  const sequence = await moveStatus(manager, requestId, change.to, step.at, isClosedStatus(change.to));
  await outbox.append(manager, {
    event: Events.intake.requestStatusChanged,
    tenantId,
    aggregateType: 'request',
    aggregateId: requestId,
    payload: {
      requestId,
      fromStatus: change.from,
      toStatus: change.to,
      reason: change.reason,
      at: step.at.toISOString(),
      actor: step.actor,
      sequence: String(sequence),
    },
  });
  return true;
}
