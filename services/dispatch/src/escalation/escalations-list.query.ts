import { EntityManager } from 'typeorm';
import { Page } from '@hotline/platform';
import { briefsOf, NO_BRIEF } from '../dispatching/request-briefs.query';
import { unitDirectory } from '../units/units.query';
import { EscalationEntity } from './escalation.entity';
import { toEscalationView } from './escalation.views';

/**
 * `GET /v1/escalations`: the tenant's escalations (提级统筹) across requests, newest first, each
 * with its request's brief fields and both units named (null when no longer in the directory).
 */
export async function listEscalations(manager: EntityManager, page: Page) {
  const [rows, total] = await manager
    .getRepository(EscalationEntity)
    .createQueryBuilder('e')
    .orderBy('e.escalated_at', 'DESC')
    .addOrderBy('e.id', 'DESC')
    .take(page.limit)
    .skip(page.offset)
    .getManyAndCount();
  const briefs = await briefsOf(manager, rows.map((e) => e.requestId));
  const units = await unitDirectory(manager, [...new Set(rows.flatMap((e) => [e.fromUnitId, e.toUnitId]))]);
  const card = (id: string) => {
    const unit = units.get(id);
    return unit ? { unitId: unit.id, unitCode: unit.code, unitName: unit.name } : null;
  };
  return {
    items: rows.map((e) => ({ ...toEscalationView(e), fromUnit: card(e.fromUnitId), toUnit: card(e.toUnitId), request: briefs.get(e.requestId) ?? NO_BRIEF })),
    total,
    limit: page.limit,
    offset: page.offset,
  };
}
