import { EntityManager } from 'typeorm';
import { PiiCipher, ProblemError } from '@hotline/platform';
import { findRequest } from './requests.repository';
import { maskedRequester, toRequestView, toTimelineView } from './requests.views';
import { timelineOf } from './timeline.repository';

/** One request for staff, with its masked requester and whole timeline (one snapshot). */
export async function getRequest(manager: EntityManager, cipher: PiiCipher, id: string) {
  const request = await findRequest(manager, id);
  if (!request) throw ProblemError.notFound('request');
  const timeline = await timelineOf(manager, id);
  return { ...toRequestView(request, maskedRequester(cipher, request)), timeline: timeline.map(toTimelineView) };
}
