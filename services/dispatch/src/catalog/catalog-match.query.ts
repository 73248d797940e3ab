import { EntityManager } from 'typeorm';
import { decideDispatch, RequestPlace } from '@hotline/dispatch-domain';
import { catalogUnitsTakingWork } from '../units/unit-activity';
import { unitDirectory } from '../units/units.query';
import { catalogInForceFor } from './catalog-in-force.query';
import type { CatalogMatch } from './catalog-match.schemas';

interface UnitRef {
  id: string;
  code: string | null;
  /** null: the catalog names a unit the directory no longer has. */
  name: string | null;
}

export interface CatalogMatchView {
  categoryCode: string;
  areaCode: string;
  requestType: string | null;
  /** The catalog version in force; null when the tenant has published none. */
  catalogVersion: number | null;
  matched: boolean;
  /** The entry that applies (the deepest category, then the deepest area, '*' last). */
  entry: { categoryCode: string; areaCode: string; territorial: boolean; firstResponsible: boolean } | null;
  primary: UnitRef | null;
  assisting: UnitRef[];
  /** Why nothing matched: the request would wait for a dispatcher. */
  reason: string | null;
}

/**
 * The units the catalog in force would choose for a request of this category and area — the
 * same decision as automatic dispatch (decideDispatch), with the units' names — without
 * dispatching or recording anything: what an agent or dispatcher sees before the request is saved.
 */
export async function matchCatalog(manager: EntityManager, query: CatalogMatch): Promise<CatalogMatchView> {
  const place: RequestPlace = { categoryCode: query.categoryCode, categoryPath: query.categoryPath ?? [], areaCode: query.areaCode };
  const catalog = await catalogInForceFor(manager, place);
  const decision = decideDispatch(catalog, place);
  const base = { categoryCode: query.categoryCode, areaCode: query.areaCode, requestType: query.requestType ?? null, catalogVersion: catalog?.version ?? null };
  if (decision.kind === 'queue')
    return { ...base, matched: false, entry: null, primary: null, assisting: [], reason: catalog ? decision.reason : 'no published dispatch catalog' };
  const e = decision.entry;
  // As automatic dispatch would: a deactivated primary queues it, a deactivated assisting unit is left out.
  const taking = await catalogUnitsTakingWork(manager, e);
  if (taking.kind === 'queue') return { ...base, matched: false, entry: null, primary: null, assisting: [], reason: taking.reason };
  const assistingUnitIds = taking.units.assistingUnitIds;
  const units = await unitDirectory(manager, [e.primaryUnitId, ...assistingUnitIds]);
  const ref = (id: string): UnitRef => ({ id, code: units.get(id)?.code ?? null, name: units.get(id)?.name ?? null });
  return {
    ...base,
    matched: true,
    entry: { categoryCode: e.categoryCode, areaCode: e.areaCode, territorial: e.territorial ?? false, firstResponsible: e.firstResponsible ?? false },
    primary: ref(e.primaryUnitId),
    assisting: assistingUnitIds.map(ref),
    reason: null,
  };
}
