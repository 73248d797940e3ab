import { EscalationEntity } from './escalation.entity';

/** An escalation as the hotline sees it (the reason is stored masked). */
export const toEscalationView = (e: EscalationEntity) => ({
  id: e.id,
  requestId: e.requestId,
  attempt: e.attempt,
  fromUnitId: e.fromUnitId,
  toUnitId: e.toUnitId,
  reason: e.reason,
  escalatedBy: e.escalatedBy,
  escalatedAt: e.escalatedAt.toISOString(),
});
