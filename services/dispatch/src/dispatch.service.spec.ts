import { eventFilter, Events } from '@hotline/contracts';
import { planConsumers } from '@hotline/platform';
import { dispatchService } from './dispatch.service';

describe('dispatch service definition', () => {
  it('keeps the deployed request-accepted consumer (name and filter) and adds the taxonomy, request-status-changed and retention ones', () => {
    const specs = planConsumers('dispatch', 'ns', dispatchService.handlers ?? []).map((p) => p.spec);
    expect(specs).toEqual([
      {
        durable: 'dispatch--hl-intake-v1--request-accepted',
        consumer: 'dispatch',
        producer: 'intake',
        filterSubject: eventFilter('ns', Events.intake.requestAccepted),
      },
      {
        durable: 'dispatch--hl-intake-v1--taxonomy',
        consumer: 'dispatch',
        producer: 'intake',
        filterSubject: eventFilter('ns', Events.intake.taxonomyPublished),
      },
      {
        durable: 'dispatch--hl-intake-v1--request-status-changed',
        consumer: 'dispatch',
        producer: 'intake',
        filterSubject: eventFilter('ns', Events.intake.requestStatusChanged),
      },
      {
        durable: 'dispatch--hl-revisit-v1--retention',
        consumer: 'dispatch',
        producer: 'revisit',
        filterSubject: eventFilter('ns', Events.revisit.requestAnonymised),
      },
    ]);
    expect(specs[0]?.filterSubject).toBe('ns.hl.intake.v1.*.request.accepted');
  });
});
