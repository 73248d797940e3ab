import type { TenantDb } from '@hotline/platform';
import type { DayRange } from '../common/day-range.schemas';
import { countTallies, listTallies, Tally } from './tallies.repository';
import type { TalliesQuery } from './tallies.schemas';

export interface TalliesPage {
  total: number;
  items: Tally[];
}

/** One page of the tenant's event tallies and their total, read from one snapshot. */
export function talliesPage(db: TenantDb, tenantId: string, q: TalliesQuery): Promise<TalliesPage> {
  const days = { from: q.from, to: q.to };
  return db.read(tenantId, async (m) => ({ total: await countTallies(m, days), items: await listTallies(m, days, q) }));
}

/** Every tally of the tenant within the days (the gRPC answer has no pages). */
export function allTallies(db: TenantDb, tenantId: string, days: DayRange): Promise<Tally[]> {
  return db.run(tenantId, (m) => listTallies(m, days));
}
