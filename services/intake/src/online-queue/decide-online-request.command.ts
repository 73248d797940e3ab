import { EntityManager } from 'typeorm';
import { closingDetail, confidentialByDefault, isDispatched, mergeChanges, registrationChanges } from '@hotline/intake-domain';
import { Identity, ProblemError, Timers } from '@hotline/platform';
import { ONLINE_QUEUE_DUE_TIMER, ONLINE_QUEUE_WARNING_TIMER } from '@hotline/vocabulary';
import { confirmSuggestion } from '../classification/suggestion-at-registration';
import { insertExternalRefs } from '../duplicates/duplicates.repository';
import { loadIntakePolicy } from '../intake-policy/intake-policy.repository';
import { linkAnswerArticles } from '../knowledge/knowledge.repository';
import { sealOutcomeDetail } from '../requests/free-text';
import { announceScopeDecision } from '../requests/new-request';
import type { Registrar } from '../requests/registrar';
import { recordStep } from '../requests/request-status';
import type { RequestEntity } from '../requests/request.entity';
import { findRequest } from '../requests/requests.repository';
import { maskedRequester } from '../requests/requests.views';
import { checkScopeInputs } from '../requests/scope-inputs';
import { lockQueueItem, markDecided } from './online-queue.repository';
import type { OnlineDecision } from './online-queue.schemas';

/**
 * An agent takes the scope decision on an online submission waiting in the online queue (ADR
 * 0034): the request takes the agent's type, urgency, category (and area, 保密, 涉企 when
 * given), then moves on exactly as a phone contact registered with that decision would —
 * RequestAccepted to dispatch, merged into its master, or closed at intake — and leaves the queue
 * with its clock stopped. Once only: a second decision is a 409.
 */
export async function decideOnlineRequest(
  manager: EntityManager,
  { outbox, cipher }: Registrar,
  agent: Identity,
  requestId: string,
  input: OnlineDecision,
  now: Date = new Date(),
): Promise<RequestEntity> {
  const item = await lockQueueItem(manager, requestId);
  const request = item && (await findRequest(manager, requestId));
  if (!item || !request) throw ProblemError.notFound(`online submission ${requestId}`);
  if (item.decidedAt) throw new ProblemError(409, 'already_decided', 'Conflict', `decided (${item.decision}) by ${item.decidedBy} at ${item.decidedAt.toISOString()}`);
  const checked = await checkScopeInputs(manager, input, now);
  const { decision } = checked.scope;
  const policy = await loadIntakePolicy(manager);
  const confidential = !request.anonymous && (input.confidential ?? confidentialByDefault(policy, input.requestType));
  const detail = isDispatched(decision) ? null : closingDetail(checked.scope);
  const sealed = sealOutcomeDetail(cipher, request.tenantId, detail);
  await manager.query(
    `update requests set request_type = $2, urgency = $3, category_code = $4, taxonomy_version = $5, area_code = $6,
       scope_decision = $7, outcome_detail = $8, outcome_detail_enc = $9, confidential = $10, enterprise_related = $11,
       merged_into = $12, terminated_matter_of = $13
     where id = $1`,
    [
      requestId,
      input.requestType,
      input.urgency,
      checked.classification.categoryCode,
      checked.classification.taxonomyVersion,
      input.areaCode ?? request.areaCode,
      decision,
      sealed.outcomeDetail,
      sealed.outcomeDetailEnc,
      confidential,
      input.enterpriseRelated ?? request.enterpriseRelated,
      checked.master?.id ?? null,
      checked.terminated?.id ?? null,
    ],
  );
  await insertExternalRefs(manager, request.tenantId, requestId, input.externalRefs ?? []);
  await linkAnswerArticles(manager, request.tenantId, requestId, checked.articles);
  if (checked.suggestion)
    await confirmSuggestion(manager, checked.suggestion, input, checked.classification.categoryPath, requestId, agent.subject, now);
  // Registered at submission already: what follows it is the decision's own step, if any.
  const { master } = checked;
  for (const change of (master ? mergeChanges() : registrationChanges(decision)).filter((c) => c.from !== ''))
    await recordStep(manager, outbox, request.tenantId, requestId, {
      at: now,
      eventType: master ? 'intake.merged' : 'intake.closed-at-intake',
      note: master ? master.number : decision,
      actor: agent.subject,
      change,
    });
  const decided = (await findRequest(manager, requestId)) as RequestEntity;
  await announceScopeDecision(manager, outbox, decided, maskedRequester(cipher, decided), checked.classification.categoryPath, { decision, master, actor: agent.subject }, now);
  await markDecided(manager, requestId, now, agent.subject, decision);
  await Timers.cancel(manager, ONLINE_QUEUE_WARNING_TIMER, requestId);
  await Timers.cancel(manager, ONLINE_QUEUE_DUE_TIMER, requestId);
  return decided;
}

