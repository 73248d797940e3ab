import type { dispatchV1 } from '@hotline/contracts';
import type { UnitCard } from '@hotline/dispatch-domain';
import { UnitEntity } from './unit.entity';

/** The unit as the contracts carry it (gRPC, UnitRegistered, UnitChanged): an empty parentId for a root. */
export function toUnitMessage(u: UnitEntity): dispatchV1.HandlingUnit {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    parentId: u.parentId ?? '',
    areaCodes: u.areaCodes,
    createdAt: u.createdAt.toISOString(),
    active: u.active,
  };
}

/** The unit as the REST API shows it: parentId null for a root. */
export function toUnitView(u: UnitEntity) {
  return { ...toUnitMessage(u), parentId: u.parentId, level: u.level };
}

export function toUnitCard(u: Pick<UnitEntity, 'id' | 'name' | 'code' | 'areaCodes'> & Partial<Pick<UnitEntity, 'level'>>): UnitCard {
  return { id: u.id, name: u.name, code: u.code, areaCodes: u.areaCodes, ...(u.level ? { level: u.level } : {}) };
}
