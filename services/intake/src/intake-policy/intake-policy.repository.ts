import { EntityManager } from 'typeorm';
import { DEFAULT_INTAKE_POLICY, IntakePolicy } from '@hotline/intake-domain';
import type { RequestType } from '@hotline/vocabulary';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

export interface IntakePolicyView extends IntakePolicy {
  /** `tenant` once the tenant set its own, else `default` (DEFAULT_INTAKE_POLICY, ADR 0034). */
  source: 'tenant' | 'default';
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface IntakePolicyRow {
  online_response_seconds: number;
  online_warning_seconds: number;
  confidential_types: RequestType[];
  updated_at: Date;
  updated_by: string;
}

/** The columns intakePolicyOf reads, for a query that fetches the policy beside something else. */
export const INTAKE_POLICY_COLUMNS = 'online_response_seconds, online_warning_seconds, confidential_types, updated_at, updated_by';

export async function loadIntakePolicy(manager: EntityManager): Promise<IntakePolicyView> {
  const [row]: IntakePolicyRow[] = await manager.query(`select ${INTAKE_POLICY_COLUMNS} from intake_policies`);
  return intakePolicyOf(row);
}

/** The tenant's policy from its row (INTAKE_POLICY_COLUMNS; null columns or none: the default). */
export function intakePolicyOf(row: IntakePolicyRow | undefined): IntakePolicyView {
  if (!row?.updated_at) return { ...DEFAULT_INTAKE_POLICY, confidentialTypes: [...DEFAULT_INTAKE_POLICY.confidentialTypes], source: 'default', updatedAt: null, updatedBy: null };
  return {
    onlineResponseSeconds: row.online_response_seconds,
    onlineWarningSeconds: row.online_warning_seconds,
    confidentialTypes: row.confidential_types,
    source: 'tenant',
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  };
}

export async function saveIntakePolicy(manager: EntityManager, tenantId: string, policy: IntakePolicy, at: Date, by: string): Promise<void> {
  await manager.query(
    `insert into intake_policies (tenant_id, online_response_seconds, online_warning_seconds, confidential_types, updated_at, updated_by)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id) do update set online_response_seconds = excluded.online_response_seconds,
       online_warning_seconds = excluded.online_warning_seconds, confidential_types = excluded.confidential_types,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [tenantId, policy.onlineResponseSeconds, policy.onlineWarningSeconds, policy.confidentialTypes, at, by],
  );
}
