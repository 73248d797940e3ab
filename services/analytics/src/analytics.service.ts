import { consumersOf } from '@hotline/contracts';
import { ServiceDefinition } from '@hotline/platform';
import { entities, migrations } from './persistence/schema';
import { countEvent } from './tallies/tallies';
import { TalliesController } from './tallies/tallies.controller';
import { analyticsGrpc } from './tallies/tallies.grpc';

/** analytics: read models built from every event of every producing service. */
export const analyticsService: ServiceDefinition = {
  name: 'analytics',
  description:
    "Analytics: read models built from every event; counts by stage and the response, resolution, satisfaction and on-time rates.",
  entities,
  migrations,
  controllers: [TalliesController],
  grpc: (ctx) => [analyticsGrpc(ctx)],
  consumers: (ctx) =>
    Object.fromEntries(consumersOf(ctx.bus.namespace, 'analytics').map((spec) => [spec.durable, countEvent])),
};
