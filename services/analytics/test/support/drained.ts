import { streamOf } from '@hotline/contracts';
import { planConsumers } from '@hotline/platform';
import type { ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { analyticsService } from '../../src/analytics.service';

/** Waits until every analytics consumer has applied and acked everything in its stream. */
export async function analyticsDrained(sut: ServiceUnderTest): Promise<void> {
  const jsm = sut.service.context.bus.jsm;
  await eventually('analytics consumers drained', async () => {
    for (const { spec } of planConsumers(analyticsService.name, sut.namespace, analyticsService.handlers ?? [])) {
      const info = await jsm.consumers.info(streamOf(sut.namespace, spec.producer).name, spec.durable);
      if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
    }
    return true;
  });
}
