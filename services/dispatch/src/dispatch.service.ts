import { consumersOf } from '@hotline/contracts';
import { ServiceDefinition } from '@hotline/platform';
import { CatalogController } from './catalog/catalog.controller';
import { DispatchesController, DispatchQueueController } from './dispatching/dispatch.controllers';
import { onRequestAccepted } from './dispatching/request-accepted.handler';
import { entities, migrations } from './persistence/schema';
import { UnitsController } from './units/units.controller';
import { dispatchGrpc } from './units/units.grpc';

/** dispatch: the handling-unit directory, the 派单目录 catalog, automatic and manual dispatch. */
export const dispatchService: ServiceDefinition = {
  name: 'dispatch',
  description:
    "Dispatch (派单): the handling-unit directory, the versioned dispatch catalog, automatic dispatch and the manual-dispatch queue.",
  entities,
  migrations,
  controllers: [UnitsController, CatalogController, DispatchQueueController, DispatchesController],
  // A full catalog (5000 entries with assisting units) is larger than the default body limit.
  bodyLimits: { 'PUT /v1/catalog': 4 * 1024 * 1024 },
  grpc: (ctx) => [dispatchGrpc(ctx)],
  consumers: (ctx) => {
    const [requestAccepted] = consumersOf(ctx.bus.namespace, 'dispatch');
    if (!requestAccepted) throw new Error('contracts list no RequestAccepted consumer for dispatch');
    return { [requestAccepted.durable]: onRequestAccepted(ctx.outbox) };
  },
};
