import { EntityManager } from 'typeorm';
import { factKey, LifecycleFact, progressAfter, roundOf } from '@hotline/intake-domain';
import { isUuid, type Outbox, type ReceivedEvent } from '@hotline/platform';
import { AssignmentRole, ServiceName, systemActor, toAssignmentRole } from '@hotline/vocabulary';
import { recordStep } from '../requests/request-status';
import { lockProgress, setPrimaryUnit } from '../requests/requests.repository';

/** The durable consumer purpose of intake's timeline on each producer's stream (names deployed today). */
export const TIMELINE = 'timeline';

/** What one lifecycle event of another service means for a request's timeline and status. */
export interface LifecycleStep {
  requestId: string;
  fact: LifecycleFact;
  /** Who caused it: the subject the event names, or system:<producer>. */
  actor: string;
  /** Codes and unit names only, never PII or free text from citizens or units. */
  note: string;
}

/** An event's own RFC 3339 instant, or when the stream stored it if the field is empty or bad. */
export function eventInstant(value: string, receivedAt: Date): Date {
  const parsed = new Date(value);
  return value && !Number.isNaN(parsed.getTime()) ? parsed : receivedAt;
}

/** The role an event states for its work order; none when it leaves the field empty (older events). */
export function statedRole(code: string | undefined): AssignmentRole | undefined {
  return code ? toAssignmentRole(code) : undefined;
}

/** The subject an event names as its actor, or the producing service when it names none. */
export function actorOr(subject: string | undefined, producer: ServiceName): string {
  return subject || systemActor(producer);
}

/**
 * Applies one lifecycle step to a request of this tenant: the timeline entry with the status
 * its fact stands for, the status change the domain decides (announced by recordStep) and its
 * primary unit. An event or a fact already recorded changes nothing. Unknown requests (another
 * tenant's, or not from intake) are ignored.
 */
export async function applyLifecycleStep(manager: EntityManager, outbox: Outbox, event: ReceivedEvent, step: LifecycleStep): Promise<void> {
  if (!isUuid(step.requestId)) return;
  const progress = await lockProgress(manager, step.requestId);
  if (!progress) return;
  const { primaryUnitId, standsFor, change } = progressAfter(progress, step.fact);
  const recorded = await recordStep(manager, outbox, event.tenantId, step.requestId, {
    at: step.fact.at,
    eventType: event.type,
    note: step.note,
    actor: step.actor,
    standsFor,
    round: roundOf(step.fact),
    eventId: event.id,
    factKey: factKey(step.fact),
    change,
  });
  if (recorded && primaryUnitId !== progress.primaryUnitId) await setPrimaryUnit(manager, step.requestId, primaryUnitId);
}
