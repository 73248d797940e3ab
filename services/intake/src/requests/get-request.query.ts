import { EntityManager } from 'typeorm';
import { PiiCipher, ProblemError } from '@hotline/platform';
import { requestLinks } from '../duplicates/request-links.query';
import { findRequest } from './requests.repository';
import { maskedRequester, toRequestView, toTimelineView } from './requests.views';
import { timelineOf } from './timeline.repository';

/** One request for staff, with its masked requester, whole timeline and links to other requests (one snapshot). */
export async function getRequest(manager: EntityManager, cipher: PiiCipher, id: string) {
  const request = await findRequest(manager, id);
  if (!request) throw ProblemError.notFound('request');
  const timeline = await timelineOf(manager, id);
  return {
    ...toRequestView(request, maskedRequester(cipher, request)),
    ...(await requestLinks(manager, request)),
    timeline: timeline.map(toTimelineView),
  };
}
