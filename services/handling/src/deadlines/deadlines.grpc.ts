import { handlingV1 } from '@hotline/contracts';
import { GrpcServiceBinding, ServiceContext, unary, validate } from '@hotline/platform';
import type { ClockUnit, Counting } from '@hotline/vocabulary';
import { computeDeadline } from './compute-deadline.query';
import { ComputeDeadlineBody } from './deadlines.schemas';

// UNSPECIFIED and unknown values map to undefined: a missing unit fails validation, a missing counting takes the default.
const UNITS: Partial<Record<handlingV1.ClockUnit, ClockUnit>> = {
  [handlingV1.ClockUnit.CLOCK_UNIT_WORKING_DAYS]: 'working-days',
  [handlingV1.ClockUnit.CLOCK_UNIT_WORKING_HOURS]: 'working-hours',
  [handlingV1.ClockUnit.CLOCK_UNIT_CALENDAR_MINUTES]: 'calendar-minutes',
};
const COUNTING: Partial<Record<handlingV1.Counting, Counting>> = {
  [handlingV1.Counting.COUNTING_FROM_RECEIPT]: 'from-receipt',
  [handlingV1.Counting.COUNTING_FROM_NEXT_DAY]: 'from-next-day',
};

/** The REST body a ComputeDeadline request stands for. */
export function fromGrpcRequest(request: handlingV1.ComputeDeadlineRequest) {
  return { startAt: request.startAt, unit: UNITS[request.unit], amount: request.amount, counting: COUNTING[request.counting] };
}

export function handlingGrpc(ctx: ServiceContext): GrpcServiceBinding {
  const implementation: handlingV1.HandlingServiceServer = {
    // As POST /v1/deadlines/compute.
    computeDeadline: unary(
      ctx,
      { roles: ['agent', 'dispatcher', 'unit-operator', 'unit-leader', 'unit-principal', 'supervisor', 'tenant-admin'] },
      async (request: handlingV1.ComputeDeadlineRequest, call) =>
        computeDeadline(ctx.db, call.tenantId, validate(ComputeDeadlineBody, fromGrpcRequest(request))),
    ),
  };
  return { definition: handlingV1.HandlingServiceService, implementation };
}
