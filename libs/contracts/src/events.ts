// Event contracts: subjects, streams, durable consumers and header keys, all derived from the
// constants below so producers, consumers and provisioning cannot disagree.
//
// Subject  hl.<service>.v1.<tenant>.<entity>.<action>
// Stream   HL_<SERVICE>_V1 capturing hl.<service>.v1.>
// A namespace (tests, parallel environments on one NATS) prefixes both: `<ns>.hl.…`, `<NS>_HL_…`.
import { ChannelConfigured, RequestAccepted, RequestClosedAtIntake } from './generated/hotline/intake/v1/intake_events';
import { RequestDispatched, RequestQueuedForManualDispatch, UnitRegistered } from './generated/hotline/dispatch/v1/dispatch_events';
import {
  CalendarChanged,
  WorkOrderAnswered,
  WorkOrderCreated,
  WorkOrderOverdue,
  WorkOrderReopened,
  WorkOrderSigned,
} from './generated/hotline/handling/v1/handling_events';
import {
  AnswerReviewed,
  RequestArchived,
  RequestClosed,
  RevisitRecorded,
  SamplingPolicyChanged,
} from './generated/hotline/revisit/v1/revisit_events';

export type ServiceName = 'intake' | 'dispatch' | 'handling' | 'revisit' | 'analytics';
export type ProducerName = Exclude<ServiceName, 'analytics'>;

/** The encode/decode pair ts-proto generates for every message. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

export interface EventDefinition<T = unknown> {
  producer: ProducerName;
  entity: string;
  action: string;
  /** Fully-qualified protobuf message name, sent in the `hl-type` header. */
  type: string;
  codec: MessageCodec<T>;
}

export const EventHeader = {
  msgId: 'Nats-Msg-Id',
  tenant: 'hl-tenant',
  type: 'hl-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

function event<T>(producer: ProducerName, entity: string, action: string, type: string, codec: MessageCodec<T>): EventDefinition<T> {
  return { producer, entity, action, type, codec };
}

export const Events = {
  intake: {
    channelConfigured: event('intake', 'channel', 'configured', 'hotline.intake.v1.ChannelConfigured', ChannelConfigured),
    requestAccepted: event('intake', 'request', 'accepted', 'hotline.intake.v1.RequestAccepted', RequestAccepted),
    requestClosedAtIntake: event(
      'intake', 'request', 'closed-at-intake', 'hotline.intake.v1.RequestClosedAtIntake', RequestClosedAtIntake,
    ),
  },
  dispatch: {
    unitRegistered: event('dispatch', 'unit', 'registered', 'hotline.dispatch.v1.UnitRegistered', UnitRegistered),
    requestDispatched: event('dispatch', 'request', 'dispatched', 'hotline.dispatch.v1.RequestDispatched', RequestDispatched),
    requestQueued: event(
      'dispatch', 'request', 'queued', 'hotline.dispatch.v1.RequestQueuedForManualDispatch', RequestQueuedForManualDispatch,
    ),
  },
  handling: {
    calendarChanged: event('handling', 'calendar', 'changed', 'hotline.handling.v1.CalendarChanged', CalendarChanged),
    workOrderCreated: event('handling', 'work-order', 'created', 'hotline.handling.v1.WorkOrderCreated', WorkOrderCreated),
    workOrderSigned: event('handling', 'work-order', 'signed', 'hotline.handling.v1.WorkOrderSigned', WorkOrderSigned),
    workOrderAnswered: event('handling', 'work-order', 'answered', 'hotline.handling.v1.WorkOrderAnswered', WorkOrderAnswered),
    workOrderOverdue: event('handling', 'work-order', 'overdue', 'hotline.handling.v1.WorkOrderOverdue', WorkOrderOverdue),
    workOrderReopened: event('handling', 'work-order', 'reopened', 'hotline.handling.v1.WorkOrderReopened', WorkOrderReopened),
  },
  revisit: {
    samplingPolicyChanged: event(
      'revisit', 'sampling-policy', 'changed', 'hotline.revisit.v1.SamplingPolicyChanged', SamplingPolicyChanged,
    ),
    answerReviewed: event('revisit', 'answer', 'reviewed', 'hotline.revisit.v1.AnswerReviewed', AnswerReviewed),
    revisitRecorded: event('revisit', 'revisit', 'recorded', 'hotline.revisit.v1.RevisitRecorded', RevisitRecorded),
    requestClosed: event('revisit', 'request', 'closed', 'hotline.revisit.v1.RequestClosed', RequestClosed),
    requestArchived: event('revisit', 'request', 'archived', 'hotline.revisit.v1.RequestArchived', RequestArchived),
  },
} as const;

/** Every known event by its `hl-type`, for consumers that decode whatever a stream carries. */
export const EventsByType: ReadonlyMap<string, EventDefinition> = new Map(
  Object.values(Events).flatMap((group) => Object.values(group).map((def): [string, EventDefinition] => [def.type, def])),
);

export const PRODUCERS: readonly ProducerName[] = ['intake', 'dispatch', 'handling', 'revisit'];

const TOKEN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Validates a subject token (tenant code, namespace): lowercase alphanumerics and single dashes. */
export function isSubjectToken(value: string): boolean {
  return TOKEN.test(value);
}

function prefix(namespace: string): string {
  if (namespace && !isSubjectToken(namespace)) throw new Error(`invalid event namespace "${namespace}"`);
  return namespace ? `${namespace}.` : '';
}

export function eventSubject(namespace: string, def: EventDefinition, tenant: string): string {
  if (!isSubjectToken(tenant)) throw new Error(`invalid tenant code "${tenant}" for an event subject`);
  return `${prefix(namespace)}hl.${def.producer}.v1.${tenant}.${def.entity}.${def.action}`;
}

/** Subject filter matching one event type for every tenant. */
export function eventFilter(namespace: string, def: EventDefinition): string {
  return `${prefix(namespace)}hl.${def.producer}.v1.*.${def.entity}.${def.action}`;
}

export interface StreamSpec {
  name: string;
  subjects: string[];
}

export function streamOf(namespace: string, producer: ProducerName): StreamSpec {
  const ns = namespace ? `${namespace.toUpperCase().replace(/-/g, '_')}_` : '';
  return { name: `${ns}HL_${producer.toUpperCase()}_V1`, subjects: [`${prefix(namespace)}hl.${producer}.v1.>`] };
}

export interface ConsumerSpec {
  /** Durable name: <consumer-service>--hl-<producer>-v1--<purpose>. */
  durable: string;
  consumer: ServiceName;
  producer: ProducerName;
  /** Undefined: the whole stream. */
  filterSubject?: string;
}

export function consumerOf(
  namespace: string,
  consumer: ServiceName,
  producer: ProducerName,
  purpose: string,
  only?: EventDefinition,
): ConsumerSpec {
  return {
    durable: `${consumer}--hl-${producer}-v1--${purpose}`,
    consumer,
    producer,
    filterSubject: only ? eventFilter(namespace, only) : undefined,
  };
}

/**
 * The durable consumers each service owns: the request lifecycle's choreography.
 * intake → (accepted) → dispatch → (dispatched) → handling → (answered) → revisit → (reviewed) → handling;
 * intake follows every other stream for the request timeline; analytics reads everything.
 */
export function consumersOf(namespace: string, service: ServiceName): ConsumerSpec[] {
  switch (service) {
    case 'intake':
      return (['dispatch', 'handling', 'revisit'] as const).map((p) => consumerOf(namespace, 'intake', p, 'timeline'));
    case 'dispatch':
      return [consumerOf(namespace, 'dispatch', 'intake', 'request-accepted', Events.intake.requestAccepted)];
    case 'handling':
      return [
        consumerOf(namespace, 'handling', 'dispatch', 'request-dispatched', Events.dispatch.requestDispatched),
        consumerOf(namespace, 'handling', 'revisit', 'answer-reviewed', Events.revisit.answerReviewed),
      ];
    case 'revisit':
      return [consumerOf(namespace, 'revisit', 'handling', 'work-order-answered', Events.handling.workOrderAnswered)];
    case 'analytics':
      return PRODUCERS.map((producer) => consumerOf(namespace, 'analytics', producer, 'all'));
  }
}
