import { analyticsV1 } from '@hotline/contracts';
import { GrpcServiceBinding, ProblemError, ServiceContext, unary } from '@hotline/platform';
import { listTallies } from './tallies';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function analyticsGrpc(ctx: ServiceContext): GrpcServiceBinding {
  const implementation: analyticsV1.AnalyticsServiceServer = {
    getEventTallies: unary(async (request: analyticsV1.GetEventTalliesRequest, call) => {
      const bad = (['fromDay', 'toDay'] as const).filter((f) => request[f] && !DAY.test(request[f]));
      if (bad.length) throw ProblemError.validation(bad.map((field) => ({ field, message: 'YYYY-MM-DD' })));
      const tallies = await ctx.db.run(call.tenantId, (m) =>
        listTallies(m, request.fromDay || undefined, request.toDay || undefined),
      );
      return { tallies: tallies.map((t) => ({ ...t, count: String(t.count) })) };
    }, ctx.logger),
  };
  return { definition: analyticsV1.AnalyticsServiceService, implementation };
}
