import { dispatchV1 } from '@hotline/contracts';
import { GrpcServiceBinding, ServiceContext, unary, validate } from '@hotline/platform';
import { listUnits } from './units.query';
import { ListUnitsRequest } from './units.schemas';
import { toUnitMessage } from './units.views';

export function dispatchGrpc(ctx: ServiceContext): GrpcServiceBinding {
  const implementation: dispatchV1.DispatchServiceServer = {
    listUnits: unary(async (request: dispatchV1.ListUnitsRequest, call) => {
      const { areaCode } = validate(ListUnitsRequest, request);
      const units = await ctx.db.run(call.tenantId, (m) => listUnits(m, areaCode || undefined));
      return { units: units.map(toUnitMessage) };
    }, ctx.logger),
  };
  return { definition: dispatchV1.DispatchServiceService, implementation };
}
