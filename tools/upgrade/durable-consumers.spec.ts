import { handlersOf, planConsumers, ServiceDefinition } from '@hotline/platform';
import { analyticsService } from '../../services/analytics/src/analytics.service';
import { dispatchService } from '../../services/dispatch/src/dispatch.service';
import { handlingService } from '../../services/handling/src/handling.service';
import { intakeService } from '../../services/intake/src/intake.service';
import { revisitService } from '../../services/revisit/src/revisit.service';

// Durable consumers are deployed state: a renamed one is created afresh and replays its stream,
// one with another filter stops the service at start-up (ADR 0010). This holds every consumer
// deployed by release 0.1.0 to its name and filter, and lists the ones added since, so a change
// to either is a decision made here rather than an accident of a handler's declaration.
const WHOLE_STREAM = undefined;
const only = (producer: string, entity: string, action: string) => `hl.${producer}.v1.*.${entity}.${action}`;

const DEPLOYED_IN_0_1_0: Record<string, string | undefined> = {
  'intake--hl-dispatch-v1--timeline': WHOLE_STREAM,
  'intake--hl-handling-v1--timeline': WHOLE_STREAM,
  'intake--hl-revisit-v1--timeline': WHOLE_STREAM,
  'dispatch--hl-intake-v1--request-accepted': only('intake', 'request', 'accepted'),
  'handling--hl-dispatch-v1--request-dispatched': only('dispatch', 'request', 'dispatched'),
  'handling--hl-revisit-v1--answer-reviewed': only('revisit', 'answer', 'reviewed'),
  'revisit--hl-handling-v1--work-order-answered': only('handling', 'work-order', 'answered'),
  'analytics--hl-intake-v1--all': WHOLE_STREAM,
  'analytics--hl-dispatch-v1--all': WHOLE_STREAM,
  'analytics--hl-handling-v1--all': WHOLE_STREAM,
  'analytics--hl-revisit-v1--all': WHOLE_STREAM,
};

const ADDED_SINCE: Record<string, string | undefined> = {
  'dispatch--hl-intake-v1--taxonomy': only('intake', 'taxonomy', 'published'),
  'handling--hl-intake-v1--request-status-changed': only('intake', 'request', 'status-changed'),
  'revisit--hl-intake-v1--case-file': WHOLE_STREAM,
  'revisit--hl-dispatch-v1--case-file': only('dispatch', 'request', 'dispatched'),
  'revisit--hl-handling-v1--case-file': WHOLE_STREAM,
  // Early warning and clusters of similar requests (issue 17), from intake's RequestAccepted.
  'analytics--hl-intake-v1--early-warning': only('intake', 'request', 'accepted'),
  'analytics--hl-intake-v1--clusters': only('intake', 'request', 'accepted'),
  // Handling follows dispatch's decision on a return (issue 11) and revisit's 重办 judgement (issue 13).
  'handling--hl-dispatch-v1--return-decided': only('dispatch', 'return', 'decided'),
  'handling--hl-revisit-v1--redo': only('revisit', 'evaluation', 'judged'),
  // intake's 110 gateway calls its peer for the transfers intake itself announced (issue 15).
  'intake--hl-intake-v1--linkage': WHOLE_STREAM,
  // Dispatch takes a request that reached a final status (transferred, merged, closed) out of its queue (issue 11).
  'dispatch--hl-intake-v1--request-status-changed': only('intake', 'request', 'status-changed'),
  // intake tells the requester the new due of an approved extension (issue 12, ADR 0029).
  'intake--hl-handling-v1--notifications': only('handling', 'work-order', 'extension-decided'),
  // Retention (issue 13): intake and handling remove identity and free text on revisit's RequestAnonymised.
  'intake--hl-revisit-v1--retention': only('revisit', 'request', 'anonymised'),
  // Stability-risk alerts handed to 110 (issue 17, ADR 0036): AlertRaised and AlertEscalated, so analytics' whole stream.
  'intake--hl-analytics-v1--risk-notices': WHOLE_STREAM,
  'handling--hl-revisit-v1--retention': only('revisit', 'request', 'anonymised'),
  'dispatch--hl-revisit-v1--retention': only('revisit', 'request', 'anonymised'),
  // Revisit rules by channel kind (issue 13): revisit learns each channel code's kind.
  'revisit--hl-intake-v1--channel-kinds': only('intake', 'channel', 'configured'),
  // Every service's tenant directory (issue 10), from intake's TenantChanged.
  ...Object.fromEntries(['intake', 'dispatch', 'handling', 'revisit', 'analytics'].map((s) => [`${s}--hl-intake-v1--tenant-directory`, only('intake', 'tenant', 'changed')])),
};

const SERVICES: ServiceDefinition[] = [intakeService, dispatchService, handlingService, revisitService, analyticsService];

function planned(): Record<string, string | undefined> {
  return Object.fromEntries(
    SERVICES.flatMap((def) => planConsumers(def.name, '', handlersOf(def)).map((p) => [p.spec.durable, p.spec.filterSubject])),
  );
}

describe('durable consumers across upgrades', () => {
  it('keeps every consumer deployed in 0.1.0 with its name and filter', () => {
    const now = planned();
    for (const [durable, filter] of Object.entries(DEPLOYED_IN_0_1_0)) {
      expect(Object.keys(now)).toContain(durable);
      expect({ durable, filter: now[durable] }).toEqual({ durable, filter });
    }
  });

  it('adds only the consumers listed since', () => {
    expect(planned()).toEqual({ ...DEPLOYED_IN_0_1_0, ...ADDED_SINCE });
  });
});
