import { EntityManager } from 'typeorm';
import { DEFAULT_HOTSPOT_SETTINGS, DEFAULT_RISK_PATTERNS, HotspotSettings, RiskPattern } from '@hotline/analytics-domain';

export interface WarningSettings {
  hotspot: HotspotSettings;
  riskPatterns: readonly RiskPattern[];
  /** Whether each part is the tenant's own or the documented default. */
  hotspotIsDefault: boolean;
  riskPatternsAreDefault: boolean;
}

/** The tenant's early-warning settings; what it never set is the default. */
export async function loadWarningSettings(m: EntityManager, tenantId: string): Promise<WarningSettings> {
  const [row]: Array<{ hotspot: HotspotSettings | null; risk_patterns: RiskPattern[] | null }> = await m.query(
    `select hotspot, risk_patterns from warning_settings where tenant_id = $1`,
    [tenantId],
  );
  return {
    hotspot: row?.hotspot ?? DEFAULT_HOTSPOT_SETTINGS,
    riskPatterns: row?.risk_patterns ?? DEFAULT_RISK_PATTERNS,
    hotspotIsDefault: !row?.hotspot,
    riskPatternsAreDefault: !row?.risk_patterns,
  };
}

export async function saveHotspotSettings(m: EntityManager, tenantId: string, settings: HotspotSettings, by: string): Promise<void> {
  await m.query(
    `insert into warning_settings (tenant_id, hotspot, updated_by) values ($1, $2, $3)
     on conflict (tenant_id) do update set hotspot = excluded.hotspot, updated_at = now(), updated_by = excluded.updated_by`,
    [tenantId, JSON.stringify(settings), by],
  );
}

export async function saveRiskPatterns(m: EntityManager, tenantId: string, patterns: readonly RiskPattern[], by: string): Promise<void> {
  await m.query(
    `insert into warning_settings (tenant_id, risk_patterns, updated_by) values ($1, $2, $3)
     on conflict (tenant_id) do update set risk_patterns = excluded.risk_patterns, updated_at = now(), updated_by = excluded.updated_by`,
    [tenantId, JSON.stringify(patterns), by],
  );
}
