import type { dispatchEventsV1 } from '@hotline/contracts';
import { ReturnEntity } from './returns.entities';

const unitOf = (r: ReturnEntity): dispatchEventsV1.Assignment => ({ unitId: r.unitId, unitCode: r.unitCode, unitName: r.unitName, role: 'primary' });

/** ReturnFiled: no basis (it stays in dispatch); the suggested unit's code when one was named. */
export function returnFiledEvent(r: ReturnEntity): dispatchEventsV1.ReturnFiled {
  return {
    returnId: r.id,
    requestId: r.requestId,
    attempt: r.attempt,
    unit: unitOf(r),
    reasonCode: r.reasonCode,
    returnedBy: r.returnedBy,
    returnedAt: r.returnedAt.toISOString(),
    windowDueAt: r.windowDueAt.toISOString(),
    ...(r.suggestedUnitCode ? { suggestedUnitCode: r.suggestedUnitCode } : {}),
  };
}

/** ReturnDecided: the outcome and who decided, not why (the note stays in dispatch). */
export function returnDecidedEvent(r: ReturnEntity): dispatchEventsV1.ReturnDecided {
  return {
    returnId: r.id,
    requestId: r.requestId,
    attempt: r.attempt,
    unit: unitOf(r),
    reasonCode: r.reasonCode,
    outcome: r.status,
    decidedBy: r.decidedBy ?? '',
    decidedAt: r.decidedAt?.toISOString() ?? '',
  };
}
