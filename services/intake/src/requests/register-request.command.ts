import { EntityManager } from 'typeorm';
import { FieldError, Identity, ProblemError } from '@hotline/platform';
import { findEnabledChannel } from '../channels/channels.repository';
import { masterOfRepeat } from '../duplicates/merge-repeat';
import { RequesterMatchKeys } from '../duplicates/requester-match-keys';
import { answerArticlesFor } from '../knowledge/answer-articles';
import { linkAnswerArticles } from '../knowledge/knowledge.repository';
import { terminatedMatterOf } from '../terminations/terminated-matter';
import { classify, recordNewRequest, RegisteredRequest } from './new-request';
import type { Registrar } from './registrar';
import type { CreateRequest } from './requests.schemas';

/**
 * An agent registers a contact with the scope decision taken on it. Its channel must be one the
 * hotline has configured and enabled, its category one of the latest taxonomy; a repeat
 * (`duplicateOf`) is merged into its open master and never dispatched; a direct answer links to
 * the published articles it was given from (`answerArticles`); a repeat of a terminated matter
 * (`terminated-matter`) is answered with that termination's legal route and links to it.
 */
export async function registerRequest(
  manager: EntityManager,
  registrar: Registrar,
  agent: Identity,
  input: CreateRequest,
  now: Date = new Date(),
  keys?: RequesterMatchKeys,
): Promise<RegisteredRequest> {
  const errors: FieldError[] = [];
  if (!(await findEnabledChannel(manager, input.channel)))
    errors.push({ field: 'channel', message: `"${input.channel}" is not an enabled channel of this hotline` });
  const classification = await classify(manager, input.categoryCode);
  if (!classification)
    errors.push({ field: 'categoryCode', message: `unknown category "${input.categoryCode}" in the latest taxonomy` });
  const master = input.duplicateOf === undefined ? undefined : await masterOfRepeat(manager, input.duplicateOf, input.scope.decision, errors);
  const articles = input.answerArticles === undefined ? [] : await answerArticlesFor(manager, input.answerArticles, input.scope.decision, now, errors);
  const terminated = input.scope.terminatedRequestId === undefined ? undefined : await terminatedMatterOf(manager, input.scope.terminatedRequestId, errors);
  if (errors.length > 0) throw ProblemError.validation(errors);
  const { categoryCode: _code, duplicateOf: _master, answerArticles: _articles, ...rest } = input;
  const scope = terminated ? { decision: input.scope.decision, reason: terminated.legalRoute } : input.scope;
  const registered = await recordNewRequest(
    manager,
    registrar,
    agent.tenantId,
    {
      ...rest,
      scope,
      classification,
      createdBy: agent.subject,
      actor: agent.subject,
      matchKeys: keys?.of(agent.tenantId, input.requester),
      master,
      terminatedMatter: terminated && { id: terminated.id, number: terminated.number },
    },
    now,
  );
  await linkAnswerArticles(manager, agent.tenantId, registered.request.id, articles);
  return registered;
}
