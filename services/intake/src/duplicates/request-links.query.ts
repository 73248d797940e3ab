import { EntityManager } from 'typeorm';
import type { RequestEntity } from '../requests/request.entity';
import { answerArticlesOf } from '../knowledge/knowledge.repository';
import { findRequest } from '../requests/requests.repository';
import { approvedTerminationOf, repeatsOfTerminatedMatter } from '../terminations/terminations.repository';
import { externalRefsOf, mergedInto, otherRequestsOfCases } from './duplicates.repository';

/**
 * What the registering transaction knows of a request it has just inserted (issue 18: the reads
 * that cannot find anything are skipped on the hot path). No other request can point at it yet
 * (its id is new and uncommitted), so it has no repeats and no terminated-matter repeats; it has
 * cases and articles only when it named them.
 */
export interface JustRegistered {
  namedCases: boolean;
  answeredFromArticles: boolean;
}

/**
 * What links a request to others: the master it follows (its status and closure, read live, so
 * the repeat shows the master's progress), the repeats merged into it, the cases it names and
 * the other requests naming the same case (flagged: a second request of one 信访 / 督查 case), and
 * the knowledge-base articles a direct answer was given from; for a contact answered as a
 * terminated matter, the terminated request with its termination, and for a terminated request,
 * the contacts answered so since (kept and counted apart, domain.md §11.3).
 */
export async function requestLinks(manager: EntityManager, request: RequestEntity, registered?: JustRegistered) {
  const master = request.mergedInto ? await findRequest(manager, request.mergedInto) : null;
  const terminated = request.terminatedMatterOf ? await findRequest(manager, request.terminatedMatterOf) : null;
  const termination = terminated ? await approvedTerminationOf(manager, terminated.id) : null;
  return {
    mergedInto: master
      ? { id: master.id, number: master.number, status: master.status, closedAt: master.closedAt?.toISOString() ?? null }
      : null,
    repeats: registered ? [] : await mergedInto(manager, request.id),
    externalRefs: registered && !registered.namedCases ? [] : await externalRefsOf(manager, request.id),
    sameCaseRequests: registered && !registered.namedCases ? [] : await otherRequestsOfCases(manager, request.id),
    answerArticles: registered && !registered.answeredFromArticles ? [] : await answerArticlesOf(manager, request.id),
    terminatedMatterOf: terminated
      ? {
          id: terminated.id,
          number: terminated.number,
          status: terminated.status,
          termination: termination && { terminationId: termination.id, reasonCode: termination.reasonCode, legalRoute: termination.legalRoute, terminatedAt: termination.decidedAt?.toISOString() ?? null },
        }
      : null,
    terminatedMatterRepeats: registered ? [] : await repeatsOfTerminatedMatter(manager, request.id),
  };
}
