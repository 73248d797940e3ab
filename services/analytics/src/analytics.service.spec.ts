import { PRODUCERS } from '@hotline/contracts';
import { planConsumers } from '@hotline/platform';
import { analyticsService } from './analytics.service';

describe('analytics consumers', () => {
  it('keeps the deployed durable consumers: one per producer, named …--all, each reading its whole stream', () => {
    const plans = planConsumers('analytics', 'ns', analyticsService.handlers ?? []);
    const readModel = plans.filter((p) => p.spec.durable.endsWith('--all'));
    expect(readModel.map((p) => p.spec)).toEqual(
      PRODUCERS.filter((p) => p !== 'analytics').map((producer) => ({ durable: `analytics--hl-${producer}-v1--all`, consumer: 'analytics', producer, filterSubject: undefined })),
    );
    expect(plans.map((p) => p.spec.durable)).toEqual([
      'analytics--hl-intake-v1--all',
      'analytics--hl-dispatch-v1--all',
      'analytics--hl-handling-v1--all',
      'analytics--hl-revisit-v1--all',
      'analytics--hl-intake-v1--early-warning',
      'analytics--hl-intake-v1--clusters',
    ]);
    // Early warning reads accepted requests only, in its own consumer: the read model never waits on it.
    expect(plans[4]?.spec.filterSubject).toBe('ns.hl.intake.v1.*.request.accepted');
    // Every event is tallied (no type filter), and tallied before the lifecycle facts apply it.
    for (const plan of readModel) expect(plan.types).toBeUndefined();
    const intake = plans[0]!;
    const [tally, status] = intake.handlersOf('hotline.intake.v1.RequestStatusChanged');
    expect(tally?.event).toBeUndefined();
    expect(status?.event?.type).toBe('hotline.intake.v1.RequestStatusChanged');
    expect(intake.handlersOf('hotline.intake.v1.ChannelConfigured')).toHaveLength(1);
  });
});
