import { RequestProgressEntity } from './request-progress.entity';
import { RevisitEntity } from './revisit.entity';

export function toProgressView(p: RequestProgressEntity) {
  return {
    requestId: p.requestId,
    primaryWorkOrderId: p.primaryWorkOrderId,
    primaryUnitId: p.primaryUnitId,
    status: p.status,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toRevisitView(r: RevisitEntity) {
  return {
    id: r.id,
    requestId: r.requestId,
    unitId: r.unitId,
    method: r.method,
    resolved: r.resolved,
    satisfaction: r.satisfaction,
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: r.recordedBy,
  };
}
