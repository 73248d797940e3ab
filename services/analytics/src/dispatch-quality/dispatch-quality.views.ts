import { rate } from '@hotline/analytics-domain';
import type { AttemptCounts, FirstDispatchRow, ReasonRow, TenantAttemptRow, UnitAttemptRow } from './dispatch-quality.repository';
import type { DispatchQualityQuery } from './dispatch-quality.schemas';

/** 退单率 = returns filed / attempts received; the accepted share is the returns the hotline agreed were misdispatched. */
function withRates(c: AttemptCounts) {
  return { ...c, returnRate: rate(c.returnsFiled, c.attempts), acceptedReturnRate: rate(c.returnsAccepted, c.attempts) };
}

/**
 * GET /v1/metrics/dispatch-quality: for the tenant and per primary unit, the dispatch attempts
 * of the period with their re-dispatches (改派), designations (指定办理) and returns (退单) by
 * outcome and reason; 派单准确率 = first dispatches no accepted return undid / first dispatches,
 * as a whole and by mode (catalog, manual).
 */
export function dispatchQualityView(
  q: DispatchQualityQuery,
  tenant: TenantAttemptRow,
  units: readonly UnitAttemptRow[],
  first: readonly FirstDispatchRow[],
  reasons: readonly ReasonRow[],
) {
  const firstDispatches = first.reduce((n, f) => n + f.firstDispatches, 0);
  const stood = first.reduce((n, f) => n + f.stood, 0);
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    total: {
      ...withRates(tenant),
      firstDispatches,
      firstDispatchesStood: stood,
      dispatchAccuracy: rate(stood, firstDispatches),
      byMode: first.map((f) => ({ mode: f.mode, firstDispatches: f.firstDispatches, stood: f.stood, dispatchAccuracy: rate(f.stood, f.firstDispatches) })),
    },
    units: units.map((u) => ({
      ...withRates(u),
      returnReasons: reasons.filter((r) => r.unitId === u.unitId).map((r) => ({ reasonCode: r.reasonCode, count: r.count })),
    })),
  };
}
