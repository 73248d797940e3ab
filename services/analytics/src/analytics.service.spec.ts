import { PRODUCERS } from '@hotline/contracts';
import { planConsumers } from '@hotline/platform';
import { analyticsService } from './analytics.service';

describe('analytics consumers', () => {
  it('keeps the deployed durable consumers: one per producer, named …--all, each reading its whole stream', () => {
    const plans = planConsumers('analytics', 'ns', analyticsService.handlers ?? []);
    expect(plans.map((p) => p.spec)).toEqual(
      PRODUCERS.map((producer) => ({ durable: `analytics--hl-${producer}-v1--all`, consumer: 'analytics', producer, filterSubject: undefined })),
    );
    expect(plans.map((p) => p.spec.durable)).toEqual([
      'analytics--hl-intake-v1--all',
      'analytics--hl-dispatch-v1--all',
      'analytics--hl-handling-v1--all',
      'analytics--hl-revisit-v1--all',
    ]);
    // Every event is tallied (no type filter), and tallied before the lifecycle facts apply it.
    for (const plan of plans) expect(plan.types).toBeUndefined();
    const intake = plans[0]!;
    const [tally, status] = intake.handlersOf('hotline.intake.v1.RequestStatusChanged');
    expect(tally?.event).toBeUndefined();
    expect(status?.event?.type).toBe('hotline.intake.v1.RequestStatusChanged');
    expect(intake.handlersOf('hotline.intake.v1.ChannelConfigured')).toHaveLength(1);
  });
});
