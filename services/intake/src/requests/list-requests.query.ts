import { EntityManager } from 'typeorm';
import { PiiCipher } from '@hotline/platform';
import { findRequests } from './requests.repository';
import type { ListRequests } from './requests.schemas';
import { maskedRequester, toRequestView } from './requests.views';

/** The tenant's requests, newest first, with masked requesters. */
export async function listRequests(manager: EntityManager, cipher: PiiCipher, query: ListRequests) {
  const [rows, total] = await findRequests(manager, query);
  return { items: rows.map((r) => toRequestView(r, maskedRequester(cipher, r))), total, limit: query.limit, offset: query.offset };
}
