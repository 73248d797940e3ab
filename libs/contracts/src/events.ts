// Event contracts: subjects, streams, durable consumer names and header keys, all derived from
// the registry below so producers, consumers and provisioning cannot disagree.
//
// Subject  hl.<service>.v1.<tenant>.<entity>.<action>
// Stream   HL_<SERVICE>_V1 capturing hl.<service>.v1.>
// Durable  <consumer-service>--hl-<producer>-v1--<purpose>
// A namespace (tests, parallel environments on one NATS) prefixes subjects and streams: `<ns>.hl.…`, `<NS>_HL_…`.
import { isTenantCode, SERVICE_NAMES, ServiceName, TENANT_CODE_PATTERN } from '@hotline/vocabulary';
import {
  CallbackResolved,
  CallOutcomeChanged,
  CallRecorded,
  ChannelConfigured,
  RequestAccepted,
  RequestClosedAtIntake,
  RequestMerged,
  RequestStatusChanged,
  RequestTerminated,
  TaxonomyPublished,
  TenantChanged,
  NotificationRequested as IntakeNotificationRequested,
} from './generated/hotline/intake/v1/intake_events';
import {
  DispatchQueueClockWarning,
  NegotiationChanged,
  RequestDispatched,
  RequestQueuedForManualDispatch,
  ReturnDecided,
  ReturnFiled,
  UnitChanged,
  UnitRegistered,
} from './generated/hotline/dispatch/v1/dispatch_events';
import {
  CalendarChanged,
  CalendarDataMissing,
  CalendarYearLoaded,
  WorkOrderAnswered,
  WorkOrderCancelled,
  WorkOrderCreated,
  WorkOrderDuesRecomputed,
  WorkOrderExtensionDecided,
  WorkOrderExtensionRequested,
  WorkOrderOverdue,
  WorkOrderPauseChanged,
  WorkOrderReopened,
  WorkOrderSigned,
  WorkOrderUrged,
  SupervisionChanged,
  NotificationRequested as HandlingNotificationRequested,
  WorkOrderWarningRaised,
} from './generated/hotline/handling/v1/handling_events';
import {
  AnswerReviewed,
  EvaluationJudged,
  FollowUpChanged,
  RequestAnonymised,
  RequestArchived,
  RequestClosed,
  RevisitAttempted,
  RevisitRecorded,
  RevisitSkipped,
  SamplingPolicyChanged,
} from './generated/hotline/revisit/v1/revisit_events';
import { AlertEscalated, AlertRaised } from './generated/hotline/analytics/v1/analytics_events';
import { TransferDecided, TransferOffered } from './generated/hotline/linkage/v1/linkage_events';

export type { ServiceName } from '@hotline/vocabulary';

/** The encode/decode pair ts-proto generates for every message. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

export interface EventDefinition<T = unknown> {
  producer: ServiceName;
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

function event<T>(producer: ServiceName, entity: string, action: string, type: string, codec: MessageCodec<T>): EventDefinition<T> {
  return { producer, entity, action, type, codec };
}

/** Every event of the platform, by producer. Adding one: its proto message, then one line here. */
export const Events = {
  intake: {
    tenantChanged: event('intake', 'tenant', 'changed', 'hotline.intake.v1.TenantChanged', TenantChanged),
    // The log-and-outbox notification adapter's hand-over to a gateway (ADR 0029).
    notificationRequested: event(
      'intake', 'notification', 'requested', 'hotline.intake.v1.NotificationRequested', IntakeNotificationRequested,
    ),
    channelConfigured: event('intake', 'channel', 'configured', 'hotline.intake.v1.ChannelConfigured', ChannelConfigured),
    taxonomyPublished: event('intake', 'taxonomy', 'published', 'hotline.intake.v1.TaxonomyPublished', TaxonomyPublished),
    requestAccepted: event('intake', 'request', 'accepted', 'hotline.intake.v1.RequestAccepted', RequestAccepted),
    requestClosedAtIntake: event(
      'intake', 'request', 'closed-at-intake', 'hotline.intake.v1.RequestClosedAtIntake', RequestClosedAtIntake,
    ),
    requestStatusChanged: event(
      'intake', 'request', 'status-changed', 'hotline.intake.v1.RequestStatusChanged', RequestStatusChanged,
    ),
    requestMerged: event('intake', 'request', 'merged', 'hotline.intake.v1.RequestMerged', RequestMerged),
    requestTerminated: event('intake', 'request', 'terminated', 'hotline.intake.v1.RequestTerminated', RequestTerminated),
    // Calls from the telephony and their callback items (docs/calls.md): nothing about the caller.
    callRecorded: event('intake', 'call', 'recorded', 'hotline.intake.v1.CallRecorded', CallRecorded),
    callOutcomeChanged: event('intake', 'call', 'outcome-changed', 'hotline.intake.v1.CallOutcomeChanged', CallOutcomeChanged),
    callbackResolved: event('intake', 'callback', 'resolved', 'hotline.intake.v1.CallbackResolved', CallbackResolved),
    // The 110 interconnect is served by intake (ARCHITECTURE §3): its events are on intake's stream.
    linkageTransferOffered: event('intake', 'linkage-transfer', 'offered', 'hotline.linkage.v1.TransferOffered', TransferOffered),
    linkageTransferDecided: event('intake', 'linkage-transfer', 'decided', 'hotline.linkage.v1.TransferDecided', TransferDecided),
  },
  dispatch: {
    unitRegistered: event('dispatch', 'unit', 'registered', 'hotline.dispatch.v1.UnitRegistered', UnitRegistered),
    unitChanged: event('dispatch', 'unit', 'changed', 'hotline.dispatch.v1.UnitChanged', UnitChanged),
    requestDispatched: event('dispatch', 'request', 'dispatched', 'hotline.dispatch.v1.RequestDispatched', RequestDispatched),
    requestQueued: event(
      'dispatch', 'request', 'queued', 'hotline.dispatch.v1.RequestQueuedForManualDispatch', RequestQueuedForManualDispatch,
    ),
    returnFiled: event('dispatch', 'return', 'filed', 'hotline.dispatch.v1.ReturnFiled', ReturnFiled),
    returnDecided: event('dispatch', 'return', 'decided', 'hotline.dispatch.v1.ReturnDecided', ReturnDecided),
    negotiationChanged: event('dispatch', 'negotiation', 'changed', 'hotline.dispatch.v1.NegotiationChanged', NegotiationChanged),
    queueClockWarning: event(
      'dispatch', 'queue-item', 'clock-warning', 'hotline.dispatch.v1.DispatchQueueClockWarning', DispatchQueueClockWarning,
    ),
  },
  handling: {
    calendarChanged: event('handling', 'calendar', 'changed', 'hotline.handling.v1.CalendarChanged', CalendarChanged),
    calendarYearLoaded: event('handling', 'calendar', 'year-loaded', 'hotline.handling.v1.CalendarYearLoaded', CalendarYearLoaded),
    calendarDataMissing: event('handling', 'calendar', 'data-missing', 'hotline.handling.v1.CalendarDataMissing', CalendarDataMissing),
    workOrderCreated: event('handling', 'work-order', 'created', 'hotline.handling.v1.WorkOrderCreated', WorkOrderCreated),
    workOrderSigned: event('handling', 'work-order', 'signed', 'hotline.handling.v1.WorkOrderSigned', WorkOrderSigned),
    workOrderAnswered: event('handling', 'work-order', 'answered', 'hotline.handling.v1.WorkOrderAnswered', WorkOrderAnswered),
    workOrderOverdue: event('handling', 'work-order', 'overdue', 'hotline.handling.v1.WorkOrderOverdue', WorkOrderOverdue),
    workOrderReopened: event('handling', 'work-order', 'reopened', 'hotline.handling.v1.WorkOrderReopened', WorkOrderReopened),
    workOrderCancelled: event('handling', 'work-order', 'cancelled', 'hotline.handling.v1.WorkOrderCancelled', WorkOrderCancelled),
    workOrderDuesRecomputed: event(
      'handling', 'work-order', 'dues-recomputed', 'hotline.handling.v1.WorkOrderDuesRecomputed', WorkOrderDuesRecomputed,
    ),
    workOrderExtensionRequested: event(
      'handling', 'work-order', 'extension-requested', 'hotline.handling.v1.WorkOrderExtensionRequested', WorkOrderExtensionRequested,
    ),
    workOrderExtensionDecided: event(
      'handling', 'work-order', 'extension-decided', 'hotline.handling.v1.WorkOrderExtensionDecided', WorkOrderExtensionDecided,
    ),
    workOrderWarningRaised: event(
      'handling', 'work-order', 'warning-raised', 'hotline.handling.v1.WorkOrderWarningRaised', WorkOrderWarningRaised,
    ),
    workOrderUrged: event('handling', 'work-order', 'urged', 'hotline.handling.v1.WorkOrderUrged', WorkOrderUrged),
    supervisionChanged: event('handling', 'supervision', 'changed', 'hotline.handling.v1.SupervisionChanged', SupervisionChanged),
    // The log-and-outbox notification adapter's hand-over to a gateway (ADR 0029).
    notificationRequested: event(
      'handling', 'notification', 'requested', 'hotline.handling.v1.NotificationRequested', HandlingNotificationRequested,
    ),
    workOrderPauseChanged: event(
      'handling', 'work-order', 'pause-changed', 'hotline.handling.v1.WorkOrderPauseChanged', WorkOrderPauseChanged,
    ),
  },
  revisit: {
    samplingPolicyChanged: event(
      'revisit', 'sampling-policy', 'changed', 'hotline.revisit.v1.SamplingPolicyChanged', SamplingPolicyChanged,
    ),
    answerReviewed: event('revisit', 'answer', 'reviewed', 'hotline.revisit.v1.AnswerReviewed', AnswerReviewed),
    revisitRecorded: event('revisit', 'revisit', 'recorded', 'hotline.revisit.v1.RevisitRecorded', RevisitRecorded),
    revisitSkipped: event('revisit', 'revisit', 'skipped', 'hotline.revisit.v1.RevisitSkipped', RevisitSkipped),
    requestClosed: event('revisit', 'request', 'closed', 'hotline.revisit.v1.RequestClosed', RequestClosed),
    requestArchived: event('revisit', 'request', 'archived', 'hotline.revisit.v1.RequestArchived', RequestArchived),
    revisitAttempted: event('revisit', 'revisit', 'attempted', 'hotline.revisit.v1.RevisitAttempted', RevisitAttempted),
    evaluationJudged: event('revisit', 'evaluation', 'judged', 'hotline.revisit.v1.EvaluationJudged', EvaluationJudged),
    followUpChanged: event('revisit', 'follow-up', 'changed', 'hotline.revisit.v1.FollowUpChanged', FollowUpChanged),
    requestAnonymised: event('revisit', 'request', 'anonymised', 'hotline.revisit.v1.RequestAnonymised', RequestAnonymised),
  },
  analytics: {
    alertRaised: event('analytics', 'alert', 'raised', 'hotline.analytics.v1.AlertRaised', AlertRaised),
    alertEscalated: event('analytics', 'alert', 'escalated', 'hotline.analytics.v1.AlertEscalated', AlertEscalated),
  },
} as const;

const ALL_EVENTS: readonly EventDefinition[] = Object.values(Events).flatMap((group) => Object.values(group));

/** Every known event by its `hl-type`, for consumers that decode whatever a stream carries. */
export const EventsByType: ReadonlyMap<string, EventDefinition> = new Map(ALL_EVENTS.map((def) => [def.type, def]));

/** The services that publish events (each has its own stream), in SERVICE_NAMES order. */
export const PRODUCERS: readonly ServiceName[] = SERVICE_NAMES.filter((s) => ALL_EVENTS.some((e) => e.producer === s));

/** Validates a subject token (tenant code, namespace): lowercase alphanumerics and single dashes. */
export function isSubjectToken(value: string): boolean {
  return isTenantCode(value);
}

function prefix(namespace: string): string {
  if (namespace && !TENANT_CODE_PATTERN.test(namespace)) throw new Error(`invalid event namespace "${namespace}"`);
  return namespace ? `${namespace}.` : '';
}

export function eventSubject(namespace: string, def: EventDefinition, tenant: string): string {
  if (!isTenantCode(tenant)) throw new Error(`invalid tenant code "${tenant}" for an event subject`);
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

export function streamOf(namespace: string, producer: ServiceName): StreamSpec {
  const ns = namespace ? `${namespace.toUpperCase().replace(/-/g, '_')}_` : '';
  return { name: `${ns}HL_${producer.toUpperCase()}_V1`, subjects: [`${prefix(namespace)}hl.${producer}.v1.>`] };
}

/**
 * The stream where a consumer parks a dead letter while its own database cannot take it; each
 * service drains its subjects into its dead_letters table when the database is back.
 */
export function deadLetterStreamOf(namespace: string): StreamSpec {
  const ns = namespace ? `${namespace.toUpperCase().replace(/-/g, '_')}_` : '';
  return { name: `${ns}HL_DEAD_LETTERS_V1`, subjects: [`${prefix(namespace)}hl.dead-letters.v1.>`] };
}

/** Subject of a dead letter of one durable consumer of `service` (all of them: `durable` = '*'). */
export function deadLetterSubject(namespace: string, service: ServiceName, durable: string): string {
  return `${prefix(namespace)}hl.dead-letters.v1.${service}.${durable}`;
}

export interface ConsumerSpec {
  /** Durable name: <consumer-service>--hl-<producer>-v1--<purpose>. */
  durable: string;
  consumer: ServiceName;
  producer: ServiceName;
  /** Undefined: the whole stream. */
  filterSubject?: string;
}

/** The durable consumer `consumer` keeps on `producer`'s stream for one purpose. */
export function durableConsumer(
  namespace: string,
  consumer: ServiceName,
  producer: ServiceName,
  purpose: string,
  only?: EventDefinition,
): ConsumerSpec {
  if (!isTenantCode(purpose)) throw new Error(`invalid consumer purpose "${purpose}"`);
  return {
    durable: `${consumer}--hl-${producer}-v1--${purpose}`,
    consumer,
    producer,
    filterSubject: only ? eventFilter(namespace, only) : undefined,
  };
}
