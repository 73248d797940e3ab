import { ArrayContains, EntityManager, In } from 'typeorm';
import type { UnitCard } from '@hotline/dispatch-domain';
import { z } from 'zod';
import { dispatchV1, Events } from '@hotline/contracts';
import { Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { UnitEntity } from './unit.entity';

export const AreaCode = z.string().regex(/^[0-9A-Za-z-]{1,20}$/, '1 to 20 letters, digits or dashes');

export const RegisterUnitBody = z
  .object({
    code: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/, 'letters, digits and dashes, at most 40'),
    name: z.string().trim().min(1).max(100),
    parentId: z.string().uuid().nullish(),
    areaCodes: z
      .array(AreaCode)
      .min(1)
      .max(50)
      .transform((codes) => [...new Set(codes)]),
  })
  .strict();
export type RegisterUnit = z.infer<typeof RegisterUnitBody>;

export function toUnitMessage(u: UnitEntity): dispatchV1.HandlingUnit {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    parentId: u.parentId ?? '',
    areaCodes: u.areaCodes,
    createdAt: u.createdAt.toISOString(),
  };
}

export function toUnitView(u: UnitEntity) {
  return { ...toUnitMessage(u), parentId: u.parentId };
}

/** Registers a unit and its UnitRegistered event in the caller's tenant transaction. */
export async function registerUnit(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  input: RegisterUnit,
): Promise<UnitEntity> {
  const repo = manager.getRepository(UnitEntity);
  // Row-level security hides other tenants' units, so a foreign parent reads as missing.
  if (input.parentId && !(await repo.exists({ where: { id: input.parentId } })))
    throw ProblemError.validation([{ field: 'parentId', message: 'no such handling unit' }]);
  if (await repo.exists({ where: { code: input.code } }))
    throw ProblemError.conflict(`handling unit code "${input.code}" already exists`);
  const unit = await repo.save(
    repo.create({ id: uuidv7(), tenantId, ...input, parentId: input.parentId ?? null }),
  );
  await outbox.append(manager, {
    event: Events.dispatch.unitRegistered,
    tenantId,
    aggregateType: 'handling-unit',
    aggregateId: unit.id,
    payload: { unit: toUnitMessage(unit) },
  });
  return unit;
}

/** The tenant's units, optionally those whose jurisdiction covers `area`. RLS scopes the query. */
export function listUnits(manager: EntityManager, area?: string): Promise<UnitEntity[]> {
  return manager.getRepository(UnitEntity).find({
    where: area ? { areaCodes: ArrayContains([area]) } : {},
    order: { code: 'ASC' },
  });
}

/** The tenant's units among `ids`, by id (RLS hides other tenants' units, so they read as absent). */
export async function unitCardsById(manager: EntityManager, ids: readonly string[]): Promise<Map<string, UnitCard>> {
  if (ids.length === 0) return new Map();
  const units = await manager.getRepository(UnitEntity).find({ select: { id: true, code: true, name: true }, where: { id: In([...ids]) } });
  return new Map(units.map((u) => [u.id, { id: u.id, code: u.code, name: u.name }]));
}
