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
import { recordClosingBasis } from './closures.repository';

/**
 * Closes a request (办结) after its revisit was recorded or skipped, in the caller's transaction:
 * the progress row keeps how and on what basis; the other orders' answers still pending are
 * withdrawn (handling cancels those orders once intake reports the request closed); RequestClosed
 * with its basis, then the archive record (with the follow-up a closure into 持续跟踪 opened) and
 * RequestArchived. A terminated request is closed by closure/terminate-request.ts instead.
 */
export async function closeRequest(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  progress: RequestProgressEntity,
  closure: RevisitClosure,
): Promise<ArchiveRecordEntity> {
  await markClosed(manager, progress, closure);
  await recordClosingBasis(manager, progress.requestId, closure.basis);
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
      closingBasis: closure.basis,
    },
  });
  return appendToArchive(manager, outbox, {
    tenantId,
    requestId: progress.requestId,
    revisit: closure.revisit,
    closure: archivedClosureOf(closure),
  });
}
