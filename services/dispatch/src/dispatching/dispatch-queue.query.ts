import { EntityManager } from 'typeorm';
import type { Page } from '@hotline/platform';
import { waitingPage } from './dispatching.repository';
import { toQueueItemView } from './dispatching.views';

/** The requests waiting for a dispatcher, the most urgent first (特急, 紧急, 一般), then the oldest. */
export async function waitingRequests(manager: EntityManager, page: Page) {
  const { rows, total } = await waitingPage(manager, page);
  return { items: rows.map((row) => toQueueItemView(row)), total, limit: page.limit, offset: page.offset };
}
