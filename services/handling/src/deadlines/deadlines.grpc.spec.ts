import { handlingV1 } from '@hotline/contracts';
import { fromGrpcRequest } from './deadlines.grpc';
import { ComputeDeadlineBody } from './deadlines.schemas';

const { ClockUnit, Counting } = handlingV1;

describe('ComputeDeadline over gRPC', () => {
  const request = { startAt: '2026-12-04T17:00:00+08:00', unit: ClockUnit.CLOCK_UNIT_WORKING_DAYS, amount: 1, counting: Counting.COUNTING_UNSPECIFIED };

  it('maps its enums to the REST body; an unspecified counting is left out, so it takes the default', () => {
    expect(fromGrpcRequest(request)).toEqual({ startAt: request.startAt, unit: 'working-days', amount: 1, counting: undefined });
    expect(fromGrpcRequest({ ...request, counting: Counting.COUNTING_FROM_RECEIPT }).counting).toBe('from-receipt');
    expect(fromGrpcRequest({ ...request, unit: ClockUnit.CLOCK_UNIT_CALENDAR_MINUTES }).unit).toBe('calendar-minutes');
  });

  it('fails validation for an unspecified unit, as REST does for a missing one', () => {
    const parsed = ComputeDeadlineBody.safeParse(fromGrpcRequest({ ...request, unit: ClockUnit.CLOCK_UNIT_UNSPECIFIED }));
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['unit']);
  });
});
