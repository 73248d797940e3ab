import { ProblemError } from '@hotline/platform';
import { followUpDateRefusal, localToday } from '@hotline/revisit-domain';

/** Refuses (400 naming `field`) a follow-up date that is not after the tenant's today or lies more than a year ahead. */
export function assertFollowUpDate(field: string, date: string, timeZone: string, now: Date): void {
  const refusal = followUpDateRefusal(date, localToday(now, timeZone));
  if (refusal) throw ProblemError.validation([{ field, message: refusal }]);
}
