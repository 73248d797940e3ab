import { EntityManager } from 'typeorm';
import { Identity, Page, ProblemError } from '@hotline/platform';
import { findTransfer, listCalls, listTransfers, progressOf } from './linkage.repository';
import type { ListTransfers } from './linkage.schemas';
import { toCallView, toTransferView } from './linkage.views';

/** Transfers of the tenant; `offeredBy=me` is an agent's own (a declined or expired one is back with them). */
export async function listLinkageTransfers(manager: EntityManager, who: Identity, query: ListTransfers) {
  const [items, total] = await listTransfers(manager, {
    state: query.state,
    direction: query.direction,
    requestId: query.requestId,
    offeredBy: query.offeredBy === 'me' ? who.subject : undefined,
    limit: query.limit,
    offset: query.offset,
  });
  return { items: items.map((t) => toTransferView(t)), total, limit: query.limit, offset: query.offset };
}

/** One transfer with the progress its counterpart reported (or 12345 reported to it). */
export async function getLinkageTransfer(manager: EntityManager, id: string) {
  const transfer = await findTransfer(manager, id);
  if (!transfer) throw ProblemError.notFound('transfer');
  return toTransferView(transfer, await progressOf(manager, id));
}

export async function listThreePartyCalls(manager: EntityManager, page: Page) {
  const [items, total] = await listCalls(manager, page.limit, page.offset);
  return { items: items.map(toCallView), total, limit: page.limit, offset: page.offset };
}
