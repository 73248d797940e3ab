import { ArrayOverlap, EntityManager, In } from 'typeorm';
import { UnitEntity } from './unit.entity';

// Row-level security scopes every query here to the transaction's tenant: another tenant's
// units read as absent.

export function unitExists(manager: EntityManager, id: string): Promise<boolean> {
  return manager.getRepository(UnitEntity).exists({ where: { id } });
}

export function unitCodeTaken(manager: EntityManager, code: string): Promise<boolean> {
  return manager.getRepository(UnitEntity).exists({ where: { code } });
}

export function insertUnit(manager: EntityManager, unit: Omit<UnitEntity, 'createdAt'>): Promise<UnitEntity> {
  const repo = manager.getRepository(UnitEntity);
  return repo.save(repo.create(unit));
}

/** Units by code; only those with one of `areaCodes` among theirs when given (GIN index on area_codes). */
export function findUnits(manager: EntityManager, areaCodes?: readonly string[]): Promise<UnitEntity[]> {
  return manager.getRepository(UnitEntity).find({
    where: areaCodes ? { areaCodes: ArrayOverlap([...areaCodes]) } : {},
    order: { code: 'ASC' },
  });
}

export function unitsById(manager: EntityManager, ids: readonly string[]): Promise<UnitEntity[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return manager.getRepository(UnitEntity).find({ where: { id: In([...ids]) } });
}

export function unitsByCodes(manager: EntityManager, codes: readonly string[]): Promise<UnitEntity[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return manager.getRepository(UnitEntity).find({ where: { code: In([...codes]) } });
}
