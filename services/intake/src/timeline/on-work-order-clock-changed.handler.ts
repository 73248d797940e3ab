import { Events, handlingEventsV1 } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** WorkOrderExtensionDecided: a step without a status (延期 approved with its new due, or refused and why). */
export function extensionDecidedStep(e: handlingEventsV1.WorkOrderExtensionDecided, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: { kind: 'work-order-clock-changed', at: eventInstant(e.decidedAt, receivedAt), unitId: e.unitId, entityId: `extension:${e.extensionId}` },
    actor: actorOr(e.decidedBy, 'handling'),
    note: e.status === 'approved' ? `extension approved: due ${e.handlingDueAt} (originally ${e.originalDueAt})` : `extension refused (${e.refusal})`,
  };
}

/** WorkOrderPauseChanged: a step without a status (暂停计时 asked, started, refused or ended, with the due it leaves). */
export function pauseChangedStep(e: handlingEventsV1.WorkOrderPauseChanged, receivedAt: Date): LifecycleStep {
  const note =
    e.step === 'ended'
      ? `handling clock resumed (${e.endKind}): due ${e.handlingDueAt}`
      : e.step === 'started'
        ? `handling clock paused (${e.reason}) until resumed, at the latest ${e.resumesBy}`
        : `pause ${e.step} (${e.reason})`;
  return {
    requestId: e.requestId,
    fact: { kind: 'work-order-clock-changed', at: eventInstant(e.at, receivedAt), unitId: e.unitId, entityId: `pause:${e.pauseId}:${e.step}` },
    actor: actorOr(e.by, 'handling'),
    note,
  };
}

export const onExtensionDecided = onEvent(Events.handling.workOrderExtensionDecided, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, extensionDecidedStep(event.payload, event.publishedAt)),
);

export const onPauseChanged = onEvent(Events.handling.workOrderPauseChanged, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, pauseChangedStep(event.payload, event.publishedAt)),
);
