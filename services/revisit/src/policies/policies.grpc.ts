import { revisitV1 } from '@hotline/contracts';
import { GrpcServiceBinding, ServiceContext, unary } from '@hotline/platform';
import { toPolicyMessage } from './policies.views';
import { listSamplingPolicies } from './sampling-policies.query';

export function revisitGrpc(ctx: ServiceContext): GrpcServiceBinding {
  const implementation: revisitV1.RevisitServiceServer = {
    // As GET /v1/sampling-policies.
    getSamplingPolicies: unary(ctx, { roles: ['tenant-admin', 'supervisor', 'reviewer'] }, async (_request: revisitV1.GetSamplingPoliciesRequest, call) => {
      const policies = await ctx.db.run(call.tenantId, (m) => listSamplingPolicies(m));
      return { policies: policies.map(toPolicyMessage) };
    }),
  };
  return { definition: revisitV1.RevisitServiceService, implementation };
}
