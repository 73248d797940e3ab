import { EntityManager } from 'typeorm';
import { ProblemError } from '@hotline/platform';
import { findRequest } from '../requests/requests.repository';
import { suggestTransfers } from './transfer-list';
import { transferList } from './transfer-list.repository';

/** The transfers the hotline's list suggests for a request, each with why (its masked text and category). */
export async function transferSuggestions(manager: EntityManager, requestId: string) {
  const request = await findRequest(manager, requestId);
  if (!request) throw ProblemError.notFound('request');
  const items = await transferList(manager, 'outgoing');
  const suggestions = suggestTransfers(items, { categoryCode: request.categoryCode, text: `${request.title ?? ''} ${request.content}` });
  return { requestId, suggestions: suggestions.map((s) => ({ ...s.item, why: s.why })) };
}
