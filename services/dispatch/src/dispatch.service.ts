import { ServiceDefinition } from '@hotline/platform';
import { entities, migrations } from './persistence/schema';
import { UnitsController } from './units/units.controller';
import { dispatchGrpc } from './units/units.grpc';

/** dispatch: the handling-unit directory (承办单位 org tree with areas of jurisdiction). */
export const dispatchService: ServiceDefinition = {
  name: 'dispatch',
  description:
    "Dispatch (派单): the handling-unit directory, the versioned dispatch catalog, automatic dispatch and the manual-dispatch queue.",
  entities,
  migrations,
  controllers: [UnitsController],
  grpc: (ctx) => [dispatchGrpc(ctx)],
};
