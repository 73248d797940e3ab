import { ServiceDefinition } from '@hotline/platform';
import { entities, migrations } from './persistence/schema';
import { PoliciesController } from './policies/policies.controller';
import { revisitGrpc } from './policies/policies.grpc';

/** revisit: revisit (回访) sampling policies per request type. */
export const revisitService: ServiceDefinition = {
  name: 'revisit',
  description:
    "Revisit (复核、回访、办结、归档): answer review, revisit and evaluation, closure, and the tamper-evident archive.",
  entities,
  migrations,
  controllers: [PoliciesController],
  grpc: (ctx) => [revisitGrpc(ctx)],
};
