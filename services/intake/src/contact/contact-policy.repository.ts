import { EntityManager } from 'typeorm';
import { ContactPolicy, DEFAULT_CONTACT_POLICY } from '@hotline/intake-domain';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

export interface ContactPolicyView extends ContactPolicy {
  /** `tenant` once the tenant set its own, else `default` (DEFAULT_CONTACT_POLICY, ADR 0030). */
  source: 'tenant' | 'default';
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function loadContactPolicy(manager: EntityManager): Promise<ContactPolicyView> {
  const [row]: Array<{ daily_reveals_per_user: number; updated_at: Date; updated_by: string }> = await manager.query(
    `select daily_reveals_per_user, updated_at, updated_by from contact_policies`,
  );
  return row
    ? { dailyRevealsPerUser: row.daily_reveals_per_user, source: 'tenant', updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by }
    : { ...DEFAULT_CONTACT_POLICY, source: 'default', updatedAt: null, updatedBy: null };
}

export async function saveContactPolicy(manager: EntityManager, tenantId: string, policy: ContactPolicy, at: Date, by: string): Promise<void> {
  await manager.query(
    `insert into contact_policies (tenant_id, daily_reveals_per_user, updated_at, updated_by) values ($1, $2, $3, $4)
     on conflict (tenant_id) do update set daily_reveals_per_user = excluded.daily_reveals_per_user,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [tenantId, policy.dailyRevealsPerUser, at, by],
  );
}
