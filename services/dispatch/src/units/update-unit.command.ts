import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { unitCoversArea } from '@hotline/dispatch-domain';
import { FieldError, Identity, Outbox, ProblemError } from '@hotline/platform';
import { UnitEntity } from './unit.entity';
import { catalogAreasOfUnit } from './unit-catalog-areas.query';
import { findUnits } from './units.repository';
import { UpdateUnit } from './units.schemas';
import { toUnitMessage } from './units.views';

type ChangedField = 'name' | 'areaCodes' | 'parentId' | 'active';

/** Why the new parent cannot be: itself, unknown, or one of its own descendants (a cycle). */
function parentIssue(unit: UnitEntity, parentId: string | null, byId: ReadonlyMap<string, UnitEntity>): FieldError | null {
  if (parentId === null) return null;
  if (parentId === unit.id) return { field: 'parentId', message: 'a unit cannot be its own parent' };
  if (!byId.has(parentId)) return { field: 'parentId', message: 'no such handling unit' };
  // Walk up from the new parent; meeting the unit means the parent is below it. The walk is
  // bounded by the tree's size, so a tree damaged by hand cannot loop for ever.
  for (let at = byId.get(parentId), steps = 0; at && steps <= byId.size; at = at.parentId ? byId.get(at.parentId) : undefined, steps++)
    if (at.id === unit.id) return { field: 'parentId', message: `${byId.get(parentId)?.code} is below this unit: moving it there would make a cycle` };
  return null;
}

/** Area-bound entries of the catalog in force naming the unit that its new areas would no longer cover. */
async function areaIssue(manager: EntityManager, unit: UnitEntity, areaCodes: readonly string[]): Promise<FieldError | null> {
  const { version, entries } = await catalogAreasOfUnit(manager, unit.id);
  const uncovered = entries.filter((e) => !unitCoversArea(areaCodes, e.areaCode));
  if (uncovered.length === 0) return null;
  const list = uncovered.slice(0, 5).map((e) => `${e.categoryCode}@${e.areaCode}`).join(', ');
  return { field: 'areaCodes', message: `catalog version ${version} gives this unit ${list}${uncovered.length > 5 ? ' …' : ''}: publish a catalog without them first` };
}

/**
 * `PATCH /v1/units/{id}`: renames a unit, changes its areas of jurisdiction, moves it under
 * another parent (or to the root), deactivates or reactivates it, and announces it with
 * UnitChanged in the same transaction. Deactivation touches no dispatch: the unit's open orders
 * go on, and the catalog entries naming it send new requests to the dispatcher until the catalog
 * names another unit (unit-activity.ts).
 * Refused with a 400 naming the field: a parent that is unknown, the unit itself or below it;
 * areas that no longer cover an area-bound entry of the catalog in force. A change that changes
 * nothing publishes nothing. The tree is locked for the tenant so two moves cannot make a cycle
 * between them.
 */
export async function updateUnit(manager: EntityManager, outbox: Outbox, who: Identity, id: string, input: UpdateUnit): Promise<UnitEntity> {
  await manager.query(`select pg_advisory_xact_lock(hashtext('dispatch-unit-tree:' || $1))`, [who.tenantId]);
  const byId = new Map((await findUnits(manager)).map((u) => [u.id, u]));
  const unit = byId.get(id);
  if (!unit) throw ProblemError.notFound(`handling unit ${id}`);
  const next: UnitEntity = {
    ...unit,
    name: input.name ?? unit.name,
    areaCodes: input.areaCodes ?? unit.areaCodes,
    parentId: input.parentId === undefined ? unit.parentId : input.parentId,
    active: input.active ?? unit.active,
  };
  const changed: ChangedField[] = [
    ...(next.name !== unit.name ? (['name'] as const) : []),
    ...(next.areaCodes.join() !== unit.areaCodes.join() ? (['areaCodes'] as const) : []),
    ...(next.parentId !== unit.parentId ? (['parentId'] as const) : []),
    ...(next.active !== unit.active ? (['active'] as const) : []),
  ];
  if (changed.length === 0) return unit;
  const issues = [
    changed.includes('parentId') ? parentIssue(unit, next.parentId, byId) : null,
    changed.includes('areaCodes') ? await areaIssue(manager, unit, next.areaCodes) : null,
  ].filter((i): i is FieldError => i !== null);
  if (issues.length > 0) throw ProblemError.validation(issues);
  await manager.getRepository(UnitEntity).update({ id }, { name: next.name, areaCodes: next.areaCodes, parentId: next.parentId, active: next.active });
  await outbox.append(manager, {
    event: Events.dispatch.unitChanged,
    tenantId: who.tenantId,
    aggregateType: 'handling-unit',
    aggregateId: id,
    payload: { unit: toUnitMessage(next), changedFields: changed, changedBy: who.subject, changedAt: new Date().toISOString() },
  });
  return next;
}
