import { handlingV1 } from '@hotline/contracts';
import { GrpcServiceBinding, ServiceContext, unary, validate } from '@hotline/platform';
import { CLOCK_UNITS, computeDeadline, ComputeDeadlineBody, COUNTINGS } from './deadlines';

// UNSPECIFIED and unknown values map to undefined: a missing unit fails validation, a missing counting takes the default.
const UNITS: Partial<Record<handlingV1.ClockUnit, (typeof CLOCK_UNITS)[number]>> = {
  [handlingV1.ClockUnit.CLOCK_UNIT_WORKING_DAYS]: 'working-days',
  [handlingV1.ClockUnit.CLOCK_UNIT_WORKING_HOURS]: 'working-hours',
  [handlingV1.ClockUnit.CLOCK_UNIT_CALENDAR_MINUTES]: 'calendar-minutes',
};
const COUNTING: Partial<Record<handlingV1.Counting, (typeof COUNTINGS)[number]>> = {
  [handlingV1.Counting.COUNTING_FROM_RECEIPT]: 'from-receipt',
  [handlingV1.Counting.COUNTING_FROM_NEXT_DAY]: 'from-next-day',
};

export function handlingGrpc(ctx: ServiceContext): GrpcServiceBinding {
  const implementation: handlingV1.HandlingServiceServer = {
    computeDeadline: unary(async (request: handlingV1.ComputeDeadlineRequest, call) => {
      const input = validate(ComputeDeadlineBody, {
        startAt: request.startAt,
        unit: UNITS[request.unit],
        amount: request.amount,
        counting: COUNTING[request.counting],
      });
      return computeDeadline(ctx.db, call.tenantId, input);
    }, ctx.logger),
  };
  return { definition: handlingV1.HandlingServiceService, implementation };
}
