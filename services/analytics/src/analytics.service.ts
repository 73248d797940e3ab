import { ServiceDefinition } from '@hotline/platform';
import { lifecycleHandlers } from './lifecycle/lifecycle.handlers';
import { MetricsController } from './metrics/metrics.controller';
import { entities, migrations } from './persistence/schema';
import { countEventHandlers } from './tallies/count-event.handler';
import { TalliesController } from './tallies/tallies.controller';
import { analyticsGrpc } from './tallies/tallies.grpc';

/**
 * analytics: read models built from every event of every producing service. Each event is
 * tallied first, then applied to the lifecycle facts, in one inbox transaction.
 */
export const analyticsService: ServiceDefinition = {
  name: 'analytics',
  description:
    'Analytics: read models built from every event; requests by status and the response, on-time answer, resolution and satisfaction rates.',
  entities,
  migrations,
  controllers: [TalliesController, MetricsController],
  grpc: (ctx) => [analyticsGrpc(ctx)],
  handlers: [...countEventHandlers, ...lifecycleHandlers],
};
