import { PRODUCERS } from '@hotline/contracts';
import { DEFAULT_TIME_ZONE, localDateOf } from '@hotline/calendar';
import { onEveryEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { incrementTally } from './tallies.repository';

/**
 * Counts every event of every producer into its tenant's local day of publication, inside the
 * consumer's inbox transaction, so a redelivered event is never counted twice. Days are local to
 * Asia/Shanghai until tenant time zones reach analytics with the tenant directory. analytics'
 * own alert events are not tallied (it would read back what it wrote).
 */
export const countEventHandlers = PRODUCERS.filter((producer) => producer !== 'analytics').map((producer) =>
  onEveryEvent(producer, STREAM_CONSUMER, async (event, manager) => {
    await incrementTally(manager, event.tenantId, event.type, localDateOf(event.publishedAt, DEFAULT_TIME_ZONE));
  }),
);
