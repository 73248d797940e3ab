import { CatalogEntry } from './catalog';
import { matchCatalogEntry, RequestPlace } from './matching';

export type DispatchDecision<E extends CatalogEntry> =
  | { kind: 'dispatch'; entry: E; catalogVersion: number }
  | { kind: 'queue'; reason: string };

export interface CatalogInForce<E extends CatalogEntry> {
  version: number;
  entries: readonly E[];
}

/** Automatic dispatch by the catalog in force, or the manual queue with the reason why. */
export function decideDispatch<E extends CatalogEntry>(
  catalog: CatalogInForce<E> | undefined,
  place: RequestPlace,
): DispatchDecision<E> {
  if (!place.categoryCode) return { kind: 'queue', reason: 'no content category' };
  const entry = catalog && matchCatalogEntry(catalog.entries, place);
  if (!catalog || !entry)
    return { kind: 'queue', reason: `no catalog entry for category ${place.categoryCode} in area ${place.areaCode || '(none)'}` };
  return { kind: 'dispatch', entry, catalogVersion: catalog.version };
}

export type AssignmentRole = 'primary' | 'assisting';

export interface UnitCard {
  id: string;
  name: string;
  code: string;
}

export interface UnitAssignment {
  unitId: string;
  unitName: string;
  unitCode: string;
  role: AssignmentRole;
}

/** Primary (主办) first, then the assisting units (协办) in the order given. */
export function buildAssignments(
  units: { primaryUnitId: string; assistingUnitIds: readonly string[] },
  directory: ReadonlyMap<string, UnitCard>,
): UnitAssignment[] {
  const card = (id: string) => {
    const unit = directory.get(id);
    if (!unit) throw new Error(`handling unit ${id} is not in the directory`);
    return unit;
  };
  const assignment = (id: string, role: AssignmentRole): UnitAssignment => {
    const unit = card(id);
    return { unitId: unit.id, unitName: unit.name, unitCode: unit.code, role };
  };
  return [assignment(units.primaryUnitId, 'primary'), ...units.assistingUnitIds.map((id) => assignment(id, 'assisting'))];
}
