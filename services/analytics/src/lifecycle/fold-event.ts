import { EntityManager } from 'typeorm';
import { EventDefinition, Events } from '@hotline/contracts';
import type { ReceivedEvent } from '@hotline/platform';
import { instantOrNull, intakeClosureStage } from '@hotline/analytics-domain';
import {
  foldAnswerReviewed,
  foldWorkOrderAnswered,
  foldWorkOrderCreated,
  foldWorkOrderOverdue,
  foldWorkOrderReopened,
  foldWorkOrderSigned,
} from './fold-handling';
import { foldRequestArchived, foldRequestClosed, foldRevisitRecorded } from './fold-revisit';
import { recordBrief, recordClosure } from './request-facts';

type Fold<T> = (m: EntityManager, tenantId: string, payload: T, publishedAt: Date) => Promise<void>;

function on<T>(def: EventDefinition<T>, fold: Fold<T>): [string, Fold<unknown>] {
  return [def.type, fold as Fold<unknown>];
}

const FOLDS: ReadonlyMap<string, Fold<unknown>> = new Map([
  on(Events.intake.requestAccepted, (m, t, e, at) =>
    recordBrief(m, t, e.request, { stage: 'registered', at: instantOrNull(e.request?.receivedAt) ?? at }),
  ),
  on(Events.intake.requestClosedAtIntake, async (m, t, e, at) => {
    const closedAt = instantOrNull(e.closedAt) ?? at;
    await recordBrief(m, t, e.request, { stage: intakeClosureStage(e.outcome), at: closedAt });
    if (e.request?.requestId) await recordClosure(m, t, e.request.requestId, { closedAt });
  }),
  on(Events.dispatch.requestQueued, (m, t, e, at) =>
    recordBrief(m, t, e.request, { stage: 'awaiting-dispatch', at: instantOrNull(e.queuedAt) ?? at }),
  ),
  on(Events.dispatch.requestDispatched, (m, t, e, at) =>
    recordBrief(m, t, e.request, { stage: 'dispatched', at: instantOrNull(e.dispatchedAt) ?? at }),
  ),
  on(Events.handling.workOrderCreated, foldWorkOrderCreated),
  on(Events.handling.workOrderSigned, foldWorkOrderSigned),
  on(Events.handling.workOrderAnswered, foldWorkOrderAnswered),
  on(Events.handling.workOrderOverdue, (m, t, e) => foldWorkOrderOverdue(m, t, e)),
  on(Events.handling.workOrderReopened, foldWorkOrderReopened),
  on(Events.revisit.answerReviewed, foldAnswerReviewed),
  on(Events.revisit.revisitRecorded, foldRevisitRecorded),
  on(Events.revisit.requestClosed, foldRequestClosed),
  on(Events.revisit.requestArchived, foldRequestArchived),
]);

/**
 * Folds one lifecycle event into the read model, inside the consumer's inbox transaction.
 * Events outside the lifecycle (channels, units, calendars, policies) are only tallied.
 */
export async function foldLifecycleEvent(event: ReceivedEvent, manager: EntityManager): Promise<void> {
  const fold = FOLDS.get(event.type);
  if (fold) await fold(manager, event.tenantId, event.payload, event.publishedAt);
}
