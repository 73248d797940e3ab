import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import { archivedClosureOf, RevisitClosure } from '@hotline/revisit-domain';
import { systemActor } from '@hotline/vocabulary';
import { appendToArchive } from '../archive/append-to-archive';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { withdrawPendingReviews } from '../reviews/reviews.repository';
import { RequestProgressEntity } from '../revisits/request-progress.entity';
import { markClosed } from '../revisits/revisits.repository';

/**
 * Closes a request (办结) after its revisit was recorded or skipped, in the caller's transaction:
 * the progress row keeps how; the other orders' answers still pending are withdrawn (handling
 * cancels those orders once intake reports the request closed); RequestClosed, then the archive
 * record and RequestArchived.
 */
export async function closeRequest(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  progress: RequestProgressEntity,
  closure: RevisitClosure,
): Promise<ArchiveRecordEntity> {
  await markClosed(manager, progress, closure);
  await withdrawPendingReviews(manager, progress.requestId, new Date(closure.closedAt), systemActor('revisit'));
  await outbox.append(manager, {
    event: Events.revisit.requestClosed,
    tenantId,
    aggregateType: 'request',
    aggregateId: progress.requestId,
    payload: {
      requestId: progress.requestId,
      closedAt: closure.closedAt,
      resolved: closure.resolved,
      satisfaction: closure.satisfaction,
      closedBy: closure.closedBy,
      revisitOutcome: closure.outcome,
    },
  });
  return appendToArchive(manager, outbox, {
    tenantId,
    requestId: progress.requestId,
    revisit: closure.revisit,
    closure: archivedClosureOf(closure),
  });
}
