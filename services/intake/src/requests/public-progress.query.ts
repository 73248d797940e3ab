import { EntityManager } from 'typeorm';
import { ProblemError } from '@hotline/platform';
import { accessCodeMatches } from './request-number';
import { findRequestByNumber } from './requests.repository';
import { toPublicProgressView } from './requests.views';
import { timelineOf } from './timeline.repository';

/** Public progress (流水号 + 提取码): status and time only. Unknown number and wrong code look alike. */
export async function publicProgress(manager: EntityManager, number: string, code: string) {
  const request = await findRequestByNumber(manager, number);
  if (!request || !accessCodeMatches(number, code, request.accessCodeHash)) throw ProblemError.notFound('request');
  return toPublicProgressView(request, await timelineOf(manager, request.id));
}
