import { analyticsV1 } from '@hotline/contracts';
import { GrpcServiceBinding, ServiceContext, unary, validate } from '@hotline/platform';
import { allTallies } from './tallies.query';
import { GrpcTalliesRequest } from './tallies.schemas';

export function analyticsGrpc(ctx: ServiceContext): GrpcServiceBinding {
  const implementation: analyticsV1.AnalyticsServiceServer = {
    // As GET /v1/event-tallies.
    getEventTallies: unary(ctx, { roles: ['supervisor', 'tenant-admin'] }, async (request: analyticsV1.GetEventTalliesRequest, call) => {
      const days = validate(GrpcTalliesRequest, request);
      const tallies = await allTallies(ctx.db, call.tenantId, days);
      return { tallies: tallies.map((t) => ({ ...t, count: String(t.count) })) };
    }),
  };
  return { definition: analyticsV1.AnalyticsServiceService, implementation };
}
