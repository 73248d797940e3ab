import { EntityManager } from 'typeorm';
import { DEFAULT_RATE_SETTINGS, RateBasis, RateSettings } from '@hotline/analytics-domain';

/** The tenant's rate settings with whether they are its own; what it never set is the documented default. */
export async function loadRateBasis(m: EntityManager, tenantId: string): Promise<RateBasis> {
  const [row]: Array<{
    basically_satisfied_weight: number;
    partly_resolved_weight: number;
    exclude_terminated: boolean;
    exclude_unreasonable_evaluations: boolean;
    updated_at: Date;
  }> = await m.query(
    `select basically_satisfied_weight, partly_resolved_weight, exclude_terminated, exclude_unreasonable_evaluations, updated_at
     from rate_settings where tenant_id = $1`,
    [tenantId],
  );
  if (!row) return { ...DEFAULT_RATE_SETTINGS, isDefault: true, updatedAt: null };
  return {
    basicallySatisfiedWeight: Number(row.basically_satisfied_weight),
    partlyResolvedWeight: Number(row.partly_resolved_weight),
    excludeTerminated: row.exclude_terminated,
    excludeUnreasonableEvaluations: row.exclude_unreasonable_evaluations,
    isDefault: false,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Replaces the tenant's settings; returns them as stored. */
export async function saveRateSettings(m: EntityManager, tenantId: string, s: RateSettings, by: string): Promise<RateBasis> {
  await m.query(
    `insert into rate_settings
       (tenant_id, basically_satisfied_weight, partly_resolved_weight, exclude_terminated, exclude_unreasonable_evaluations, updated_by)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id) do update set
       basically_satisfied_weight = excluded.basically_satisfied_weight, partly_resolved_weight = excluded.partly_resolved_weight,
       exclude_terminated = excluded.exclude_terminated, exclude_unreasonable_evaluations = excluded.exclude_unreasonable_evaluations,
       updated_at = now(), updated_by = excluded.updated_by`,
    [tenantId, s.basicallySatisfiedWeight, s.partlyResolvedWeight, s.excludeTerminated, s.excludeUnreasonableEvaluations, by],
  );
  return loadRateBasis(m, tenantId);
}
