import { dispatchV1 } from '@hotline/contracts';
import { GrpcServiceBinding, ServiceContext, unary, validate } from '@hotline/platform';
import { listUnits } from './units.query';
import { ListUnitsRequest } from './units.schemas';
import { toUnitMessage } from './units.views';

export function dispatchGrpc(ctx: ServiceContext): GrpcServiceBinding {
  const implementation: dispatchV1.DispatchServiceServer = {
    // As GET /v1/units.
    listUnits: unary(ctx, { roles: ['agent', 'dispatcher', 'supervisor', 'tenant-admin'] }, async (request: dispatchV1.ListUnitsRequest, call) => {
      const { areaCode } = validate(ListUnitsRequest, request);
      const units = await ctx.db.run(call.tenantId, (m) => listUnits(m, areaCode || undefined));
      return { units: units.map(toUnitMessage) };
    }),
  };
  return { definition: dispatchV1.DispatchServiceService, implementation };
}
