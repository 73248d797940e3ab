import { planConsumers } from '@hotline/platform';
import { revisitService } from './revisit.service';

describe('revisit service definition', () => {
  it('keeps the deployed durable consumer and filter, and adds the case-file consumers', () => {
    const plans = planConsumers('revisit', 'ns', revisitService.handlers ?? []);
    expect(Object.fromEntries(plans.map((p) => [p.spec.durable, p.spec.filterSubject ?? null]))).toEqual({
      'revisit--hl-handling-v1--work-order-answered': 'ns.hl.handling.v1.*.work-order.answered',
      'revisit--hl-intake-v1--case-file': null,
      'revisit--hl-dispatch-v1--case-file': 'ns.hl.dispatch.v1.*.request.dispatched',
      'revisit--hl-handling-v1--case-file': null,
      'revisit--hl-intake-v1--channel-kinds': 'ns.hl.intake.v1.*.channel.configured',
    });
    const types = (durable: string) => [...(plans.find((p) => p.spec.durable === durable)?.types ?? [])].sort();
    expect(types('revisit--hl-intake-v1--case-file')).toEqual([
      'hotline.intake.v1.RequestAccepted', 'hotline.intake.v1.RequestClosedAtIntake', 'hotline.intake.v1.RequestTerminated',
    ]);
    expect(types('revisit--hl-handling-v1--case-file')).toEqual([
      'hotline.handling.v1.WorkOrderCancelled', 'hotline.handling.v1.WorkOrderCreated',
      'hotline.handling.v1.WorkOrderReopened', 'hotline.handling.v1.WorkOrderSigned',
    ]);
  });
});
