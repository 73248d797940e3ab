import type { EntityManager } from 'typeorm';
import { ConsumerSpec, durableConsumer, EventDefinition, ServiceName } from '@hotline/contracts';
import type { ServiceContext } from '../service/service-context';
import type { EventHandler, ReceivedEvent } from './inbox-consumer';

/**
 * What one handler consumes, declared beside its code: the event (or every event of a
 * producer's stream) and the durable consumer it belongs to (its purpose, e.g. `timeline`).
 * Handlers of the same producer and purpose share one durable consumer and one inbox
 * transaction per event.
 */
export interface EventHandlerDefinition<T = unknown> {
  producer: ServiceName;
  /** Undefined: every event of the producer's stream. */
  event?: EventDefinition<T>;
  /** Purpose of the durable consumer: `<service>--hl-<producer>-v1--<purpose>`. */
  consumer: string;
  handle(event: ReceivedEvent<T>, manager: EntityManager, ctx: ServiceContext): Promise<void>;
}

/** A handler of one event type. */
export function onEvent<T>(
  event: EventDefinition<T>,
  consumer: string,
  handle: EventHandlerDefinition<T>['handle'],
): EventHandlerDefinition<T> {
  return { producer: event.producer, event, consumer, handle };
}

/** A handler of every event of a producer's stream (tallies, audit). */
export function onEveryEvent(
  producer: ServiceName,
  consumer: string,
  handle: EventHandlerDefinition['handle'],
): EventHandlerDefinition {
  return { producer, consumer, handle };
}

/** One durable consumer of a service: its spec, and which handlers apply an event type. */
export interface ConsumerPlan {
  spec: ConsumerSpec;
  /** The event types some handler applies; undefined when one takes every event. */
  types?: ReadonlySet<string>;
  handlersOf(type: string): readonly EventHandlerDefinition[];
}

export class ConsumerDeclarationError extends Error {}

/**
 * Groups a service's handlers into durable consumers and checks the declarations: a consumer
 * filters its stream to its one event type when it has exactly one typed handler and no
 * catch-all, and reads the whole stream otherwise; no event type may have two handlers in one
 * consumer (their order would be a hidden dependency).
 */
export function planConsumers(
  service: ServiceName,
  namespace: string,
  handlers: readonly EventHandlerDefinition[],
): ConsumerPlan[] {
  const groups = new Map<string, EventHandlerDefinition[]>();
  for (const h of handlers) {
    if (h.event && h.event.producer !== h.producer)
      throw new ConsumerDeclarationError(`${h.event.type} is published by ${h.event.producer}, not ${h.producer}`);
    const key = `${h.producer}\u0000${h.consumer}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  return [...groups.values()].map((group) => {
    const { producer, consumer } = group[0] as EventHandlerDefinition;
    const typed = group.filter((h) => h.event);
    const seen = new Set<string>();
    for (const h of typed) {
      const type = (h.event as EventDefinition).type;
      if (seen.has(type))
        throw new ConsumerDeclarationError(`${type} has two handlers in ${service}'s "${consumer}" consumer of ${producer}`);
      seen.add(type);
    }
    const catchAll = group.some((h) => !h.event);
    const only = !catchAll && typed.length === 1 ? typed[0]?.event : undefined;
    const spec = durableConsumer(namespace, service, producer, consumer, only);
    const byType = new Map<string, EventHandlerDefinition[]>();
    for (const h of group) if (h.event) byType.set(h.event.type, [h]);
    const every = group.filter((h) => !h.event);
    return {
      spec,
      types: catchAll ? undefined : seen,
      handlersOf: (type: string) => [...every, ...(byType.get(type) ?? [])],
    };
  });
}

/** The inbox consumer's handler for a plan: every applicable handler, in declaration order, in one transaction. */
export function planHandler(plan: ConsumerPlan, ctx: ServiceContext): EventHandler {
  return async (event, manager) => {
    for (const h of plan.handlersOf(event.type)) await h.handle(event, manager, ctx);
  };
}
