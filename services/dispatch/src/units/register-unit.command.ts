import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { UnitEntity } from './unit.entity';
import { insertUnit, unitCodeTaken, unitExists } from './units.repository';
import { RegisterUnit } from './units.schemas';
import { toUnitMessage } from './units.views';

/** Registers a unit and its UnitRegistered event in the caller's tenant transaction. */
export async function registerUnit(manager: EntityManager, outbox: Outbox, tenantId: string, input: RegisterUnit): Promise<UnitEntity> {
  // Row-level security hides other tenants' units, so a foreign parent reads as missing.
  if (input.parentId && !(await unitExists(manager, input.parentId)))
    throw ProblemError.validation([{ field: 'parentId', message: 'no such handling unit' }]);
  if (await unitCodeTaken(manager, input.code)) throw ProblemError.conflict(`handling unit code "${input.code}" already exists`);
  const unit = await insertUnit(manager, { id: uuidv7(), tenantId, ...input, parentId: input.parentId ?? null, active: true });
  await outbox.append(manager, {
    event: Events.dispatch.unitRegistered,
    tenantId,
    aggregateType: 'handling-unit',
    aggregateId: unit.id,
    payload: { unit: toUnitMessage(unit) },
  });
  return unit;
}
