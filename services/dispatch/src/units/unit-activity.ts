import { EntityManager } from 'typeorm';
import type { UnitChoice } from '@hotline/dispatch-domain';
import { ProblemError } from '@hotline/platform';
import { UnitEntity } from './unit.entity';
import { unitsById } from './units.repository';

// A deactivated unit (PATCH /v1/units/{id} with active: false) takes no new work; what it already
// has goes on (its open work orders in handling, its returns, its negotiation answers). Where new
// work would reach it:
// - the catalog: as primary, the request waits for a dispatcher instead (the reason names the
//   unit); as assisting, it is left out and the others are dispatched; the catalog keeps naming
//   it until the tenant publishes one without it, which then must not name it;
// - a person's choice (a dispatcher's assignment, a negotiation's candidates, an escalation's
//   target, a catalog to publish): refused with a 409 `unit_inactive` naming the field and unit.

/** A unit the caller is about to give new work, and the field of the body that names it. */
export interface NamedUnit {
  field: string;
  unitId: string;
}

/** The deactivated units among `ids` (row-level security: the tenant's; unknown ids are absent). */
export async function inactiveUnitsAmong(manager: EntityManager, ids: readonly string[]): Promise<Map<string, UnitEntity>> {
  const units = await unitsById(manager, [...new Set(ids)]);
  return new Map(units.filter((u) => !u.active).map((u) => [u.id, u]));
}

/** 409 `unit_inactive` when any named unit is deactivated, each named by its field, code and name. */
export async function refuseInactiveUnits(manager: EntityManager, named: readonly NamedUnit[]): Promise<void> {
  const inactive = await inactiveUnitsAmong(manager, named.map((n) => n.unitId));
  const refused = named.flatMap((n) => {
    const unit = inactive.get(n.unitId);
    return unit ? [{ field: n.field, message: `${unit.code} (${unit.name}) is deactivated`, code: unit.code }] : [];
  });
  if (refused.length === 0) return;
  const codes = [...new Set(refused.map((r) => r.code))];
  throw new ProblemError(
    409,
    'unit_inactive',
    'Unit deactivated',
    `deactivated unit${codes.length > 1 ? 's' : ''} ${codes.join(', ')} take${codes.length > 1 ? '' : 's'} no new work: choose another unit or reactivate it`,
    refused.map(({ field, message }) => ({ field, message })),
  );
}

/** The fields of a unit choice as the dispatch bodies name them (primaryUnitId, assistingUnitIds.N). */
export function choiceFields(choice: UnitChoice, prefix = ''): NamedUnit[] {
  return [{ field: `${prefix}primaryUnitId`, unitId: choice.primaryUnitId }, ...choice.assistingUnitIds.map((unitId, i) => ({ field: `${prefix}assistingUnitIds.${i}`, unitId }))];
}

export type CatalogUnits = { kind: 'dispatch'; units: UnitChoice } | { kind: 'queue'; reason: string };

/** The catalog entry's units that take new work: a deactivated primary queues the request, a deactivated assisting unit is left out. */
export async function catalogUnitsTakingWork(manager: EntityManager, choice: UnitChoice): Promise<CatalogUnits> {
  const inactive = await inactiveUnitsAmong(manager, [choice.primaryUnitId, ...choice.assistingUnitIds]);
  const primary = inactive.get(choice.primaryUnitId);
  if (primary) return { kind: 'queue', reason: `the catalog's primary unit ${primary.code} is deactivated` };
  return { kind: 'dispatch', units: { primaryUnitId: choice.primaryUnitId, assistingUnitIds: choice.assistingUnitIds.filter((id) => !inactive.has(id)) } };
}
