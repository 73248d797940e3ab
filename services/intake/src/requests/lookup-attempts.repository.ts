import { EntityManager } from 'typeorm';
import type { LookupLockoutPolicy } from '@hotline/intake-domain';

// Wrong 提取码 per request number, in intake's database so every replica counts the same
// attempts. Kept by number, known or not: an unknown number locks exactly like a known one.
// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

/** Serialises the lookups of one number until the transaction ends, so concurrent guesses cannot all slip under the limit. */
export async function lockLookupsOf(manager: EntityManager, tenantId: string, number: string): Promise<void> {
  await manager.query(`select pg_advisory_xact_lock(hashtextextended('intake.lookup:' || $1 || ':' || $2, 0))`, [tenantId, number]);
}

/** The number's latest wrong codes within the window (newest first, as many as the policy counts), and the database's clock. */
export async function latestWrongCodes(
  manager: EntityManager,
  number: string,
  policy: LookupLockoutPolicy,
): Promise<{ latestWrong: Date[]; now: Date }> {
  const [row] = await manager.query(
    `select array(select at from access_code_attempts
                   where number = $1 and at > now() - make_interval(mins => $2) order by at desc limit $3) as latest, now() as now`,
    [number, policy.windowMinutes, policy.maxWrongCodes],
  );
  return { latestWrong: (row.latest as Array<Date | string>).map((at) => new Date(at)), now: new Date(row.now) };
}

/** Counts one wrong code for the number, and forgets every attempt of the tenant that has left the window. */
export async function recordWrongCode(manager: EntityManager, tenantId: string, number: string, policy: LookupLockoutPolicy): Promise<void> {
  await manager.query(`insert into access_code_attempts (tenant_id, number) values ($1, $2)`, [tenantId, number]);
  await manager.query(`delete from access_code_attempts where at <= now() - make_interval(mins => $1)`, [policy.windowMinutes]);
}
