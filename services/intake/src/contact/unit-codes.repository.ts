import { EntityManager } from 'typeorm';
import type { dispatchEventsV1 } from '@hotline/contracts';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

/** What a dispatch event may name as a unit's id or code; anything else is not remembered. */
const PLAUSIBLE = /^[\w.:-]{1,100}$/;

/**
 * Remembers the code of every unit a dispatch names, beside its id. A request keeps its primary
 * unit's id (the lifecycle events of handling name units by id), while the tokens of unit staff
 * carry the unit's code: this is what ties the two, learnt in the same inbox transaction that
 * sets the primary unit. The newest code wins (a unit renamed in the directory).
 */
export async function rememberUnitCodes(manager: EntityManager, tenantId: string, assignments: readonly dispatchEventsV1.Assignment[], at: Date): Promise<void> {
  const known = assignments.filter((a) => PLAUSIBLE.test(a.unitId) && PLAUSIBLE.test(a.unitCode));
  // One statement for every unit of the dispatch, not one per unit (issue 18: round trips are the cost).
  const units = [...new Map(known.map((a) => [a.unitId, a.unitCode])).entries()];
  if (units.length === 0) return;
  await manager.query(
    `insert into unit_codes (tenant_id, unit_id, code, seen_at)
     select $1::text, u.unit_id, u.code, $4::timestamptz from unnest($2::text[], $3::text[]) as u (unit_id, code)
     on conflict (tenant_id, unit_id) do update set code = excluded.code, seen_at = excluded.seen_at
     where unit_codes.seen_at <= excluded.seen_at`,
    [tenantId, units.map(([id]) => id), units.map(([, code]) => code), at],
  );
}

/** The code of a unit by its id; null when no dispatch intake applied has named it. */
export async function unitCodeOf(manager: EntityManager, unitId: string | null): Promise<string | null> {
  if (!unitId) return null;
  const [row]: Array<{ code: string }> = await manager.query(`select code from unit_codes where unit_id = $1`, [unitId]);
  return row?.code ?? null;
}
