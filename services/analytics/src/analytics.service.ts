import { consumersOf } from '@hotline/contracts';
import { EventHandler, ServiceDefinition } from '@hotline/platform';
import { foldLifecycleEvent } from './lifecycle/fold-event';
import { MetricsController } from './metrics/metrics.controller';
import { entities, migrations } from './persistence/schema';
import { countEvent } from './tallies/tallies';
import { TalliesController } from './tallies/tallies.controller';
import { analyticsGrpc } from './tallies/tallies.grpc';

/** Every stream's events are tallied and folded into the lifecycle read model in one inbox transaction. */
const readEverything: EventHandler = async (event, manager) => {
  await countEvent(event, manager);
  await foldLifecycleEvent(event, manager);
};

/** analytics: read models built from every event of every producing service. */
export const analyticsService: ServiceDefinition = {
  name: 'analytics',
  description:
    'Analytics: read models built from every event; counts by stage and the response, resolution, satisfaction and on-time rates.',
  entities,
  migrations,
  controllers: [TalliesController, MetricsController],
  grpc: (ctx) => [analyticsGrpc(ctx)],
  consumers: (ctx) =>
    Object.fromEntries(consumersOf(ctx.bus.namespace, 'analytics').map((spec) => [spec.durable, readEverything])),
};
