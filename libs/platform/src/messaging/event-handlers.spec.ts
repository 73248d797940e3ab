import { Events } from '@hotline/contracts';
import { ConsumerDeclarationError, onEvent, onEveryEvent, planConsumers } from './event-handlers';

const noop = async () => undefined;

describe('planConsumers', () => {
  it('filters a durable consumer to its one event, and reads the whole stream for several or a catch-all', () => {
    const plans = planConsumers('handling', 'ns', [
      onEvent(Events.dispatch.requestDispatched, 'request-dispatched', noop),
      onEvent(Events.revisit.answerReviewed, 'answer-reviewed', noop),
      onEvent(Events.intake.requestAccepted, 'case-file', noop),
      onEvent(Events.intake.requestClosedAtIntake, 'case-file', noop),
    ]);
    expect(plans.map((p) => p.spec)).toEqual([
      { durable: 'handling--hl-dispatch-v1--request-dispatched', consumer: 'handling', producer: 'dispatch', filterSubject: 'ns.hl.dispatch.v1.*.request.dispatched' },
      { durable: 'handling--hl-revisit-v1--answer-reviewed', consumer: 'handling', producer: 'revisit', filterSubject: 'ns.hl.revisit.v1.*.answer.reviewed' },
      { durable: 'handling--hl-intake-v1--case-file', consumer: 'handling', producer: 'intake', filterSubject: undefined },
    ]);
    expect([...(plans[2]?.types ?? [])]).toEqual([Events.intake.requestAccepted.type, Events.intake.requestClosedAtIntake.type]);
    expect(plans[2]?.handlersOf(Events.intake.channelConfigured.type)).toEqual([]);
  });

  it('runs catch-all handlers before the typed one, in one consumer', () => {
    const all = onEveryEvent('revisit', 'all', noop);
    const closed = onEvent(Events.revisit.requestClosed, 'all', noop);
    const [plan] = planConsumers('analytics', '', [closed, all]);
    expect(plan?.spec.filterSubject).toBeUndefined();
    expect(plan?.types).toBeUndefined();
    expect(plan?.handlersOf(Events.revisit.requestClosed.type)).toEqual([all, closed]);
    expect(plan?.handlersOf(Events.revisit.answerReviewed.type)).toEqual([all]);
  });

  it('refuses two handlers of one event in one consumer, and a producer the event does not have', () => {
    expect(() =>
      planConsumers('intake', '', [onEvent(Events.revisit.requestClosed, 'timeline', noop), onEvent(Events.revisit.requestClosed, 'timeline', noop)]),
    ).toThrow(ConsumerDeclarationError);
    expect(() => planConsumers('intake', '', [{ ...onEvent(Events.revisit.requestClosed, 'timeline', noop), producer: 'handling' }])).toThrow(
      /published by revisit/,
    );
  });
});
