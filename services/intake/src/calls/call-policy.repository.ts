import { EntityManager } from 'typeorm';
import { CALL_POLICY_SOURCES, CallPolicy, DEFAULT_CALL_POLICY } from './call-policy';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

export interface CallPolicyView extends CallPolicy {
  /** `tenant` once the tenant set its own, else `default` (DEFAULT_CALL_POLICY). */
  source: 'tenant' | 'default';
  /** Where each default comes from (domain.md tags; [I] = ours). */
  defaults: { values: CallPolicy; sources: typeof CALL_POLICY_SOURCES };
  updatedAt: string | null;
  updatedBy: string | null;
}

interface Row {
  answer_timely_seconds: number;
  short_abandon_seconds: number;
  short_abandons_counted: boolean;
  callback_short_abandons: boolean;
  callback_due_minutes: number;
  callback_max_attempts: number;
  updated_at: Date;
  updated_by: string;
}

export async function loadCallPolicy(manager: EntityManager): Promise<CallPolicyView> {
  const [row]: Row[] = await manager.query(`select * from call_policies`);
  const defaults = { values: DEFAULT_CALL_POLICY, sources: CALL_POLICY_SOURCES };
  if (!row) return { ...DEFAULT_CALL_POLICY, source: 'default', defaults, updatedAt: null, updatedBy: null };
  return {
    answerTimelySeconds: row.answer_timely_seconds,
    shortAbandonSeconds: row.short_abandon_seconds,
    shortAbandonsCounted: row.short_abandons_counted,
    callbackShortAbandons: row.callback_short_abandons,
    callbackDueMinutes: row.callback_due_minutes,
    callbackMaxAttempts: row.callback_max_attempts,
    source: 'tenant',
    defaults,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  };
}

export async function saveCallPolicy(manager: EntityManager, tenantId: string, p: CallPolicy, at: Date, by: string): Promise<void> {
  await manager.query(
    `insert into call_policies (tenant_id, answer_timely_seconds, short_abandon_seconds, short_abandons_counted, callback_short_abandons,
       callback_due_minutes, callback_max_attempts, updated_at, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (tenant_id) do update set answer_timely_seconds = excluded.answer_timely_seconds,
       short_abandon_seconds = excluded.short_abandon_seconds, short_abandons_counted = excluded.short_abandons_counted,
       callback_short_abandons = excluded.callback_short_abandons, callback_due_minutes = excluded.callback_due_minutes,
       callback_max_attempts = excluded.callback_max_attempts, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [tenantId, p.answerTimelySeconds, p.shortAbandonSeconds, p.shortAbandonsCounted, p.callbackShortAbandons, p.callbackDueMinutes, p.callbackMaxAttempts, at, by],
  );
}
