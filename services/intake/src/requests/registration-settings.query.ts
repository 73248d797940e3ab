import { EntityManager } from 'typeorm';
import { INTAKE_POLICY_COLUMNS, IntakePolicyRow, IntakePolicyView, intakePolicyOf } from '../intake-policy/intake-policy.repository';

// No tenant filter in this query: row-level security scopes both tables to the caller's tenant.

export interface RegistrationSettings {
  /** The channel is one the hotline configured and enabled (findEnabledChannel). */
  channelEnabled: boolean;
  /** The tenant's intake policy, or the default (loadIntakePolicy). */
  policy: IntakePolicyView;
}

/**
 * What every agent registration reads of the tenant's settings, in one round trip instead of
 * two (issue 18: each statement of the hot path costs a socket write and a read on both sides).
 * Read inside the registering transaction, as before, so a change committed before it is seen.
 */
export async function registrationSettings(manager: EntityManager, channel: string): Promise<RegistrationSettings> {
  const [row]: Array<IntakePolicyRow & { channel_enabled: boolean }> = await manager.query(
    `select exists (select 1 from channels where code = $1 and enabled) as channel_enabled, p.*
       from (select 1) as one
       left join (select ${INTAKE_POLICY_COLUMNS} from intake_policies) as p on true`,
    [channel],
  );
  return { channelEnabled: Boolean(row?.channel_enabled), policy: intakePolicyOf(row) };
}
