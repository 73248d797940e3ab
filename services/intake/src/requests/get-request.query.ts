import { EntityManager } from 'typeorm';
import { PiiCipher, ProblemError } from '@hotline/platform';
import { requestLinks } from '../duplicates/request-links.query';
import { currentTerminationOf } from '../terminations/terminations.repository';
import { toTerminationView } from '../terminations/terminations.views';
import { findRequest } from './requests.repository';
import { maskedRequester, toRequestView, toTimelineView } from './requests.views';
import { timelineOf } from './timeline.repository';

/**
 * One request for staff, with its masked requester, whole timeline, links to other requests and
 * the termination that stands for it (its open proposal or its approved one; the whole history
 * is GET /v1/requests/{id}/terminations), one snapshot.
 */
export async function getRequest(manager: EntityManager, cipher: PiiCipher, id: string) {
  const request = await findRequest(manager, id);
  if (!request) throw ProblemError.notFound('request');
  const timeline = await timelineOf(manager, id);
  return {
    ...toRequestView(request, maskedRequester(cipher, request)),
    ...(await requestLinks(manager, request)),
    termination: await currentTerminationOf(manager, id).then((t) => (t ? toTerminationView(t) : null)),
    timeline: timeline.map(toTimelineView),
  };
}
