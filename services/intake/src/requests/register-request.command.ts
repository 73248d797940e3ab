import { EntityManager } from 'typeorm';
import { confidentialByDefault, toRequester } from '@hotline/intake-domain';
import { FieldError, Identity } from '@hotline/platform';
import { confirmSuggestion } from '../classification/suggestion-at-registration';
import { RequesterMatchKeys } from '../duplicates/requester-match-keys';
import { linkAnswerArticles } from '../knowledge/knowledge.repository';
import { recordNewRequest, RegisteredRequest } from './new-request';
import { registrationSettings } from './registration-settings.query';
import type { Registrar } from './registrar';
import type { CreateRequest } from './requests.schemas';
import { checkScopeInputs } from './scope-inputs';

/**
 * An agent registers a contact with the scope decision taken on it. Its channel must be one the
 * hotline has configured and enabled, its category one of the latest taxonomy; a repeat
 * (`duplicateOf`) is merged into its open master and never dispatched; a direct answer links to
 * the published articles it was given from (`answerArticles`); a repeat of a terminated matter
 * (`terminated-matter`) is answered with that termination's legal route and links to it. A named
 * requester whose 保密 is left unsaid takes the tenant's default for the request type (举报 by default).
 * The classification suggestion it names (`classificationSuggestionId`) gets the agent's choice as its outcome.
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
  const { channelEnabled, policy } = await registrationSettings(manager, input.channel);
  if (!channelEnabled) errors.push({ field: 'channel', message: `"${input.channel}" is not an enabled channel of this hotline` });
  const checked = await checkScopeInputs(manager, input, now, errors);
  const requester = toRequester(input.requester, confidentialByDefault(policy, input.requestType));
  const { categoryCode: _code, duplicateOf: _master, answerArticles: _articles, requester: _requester, classificationSuggestionId: _suggestion, ...rest } = input;
  const registered = await recordNewRequest(
    manager,
    registrar,
    agent.tenantId,
    {
      ...rest,
      requester,
      scope: checked.scope,
      classification: checked.classification,
      createdBy: agent.subject,
      actor: agent.subject,
      matchKeys: keys?.of(agent.tenantId, requester),
      master: checked.master,
      terminatedMatter: checked.terminated,
    },
    now,
  );
  await linkAnswerArticles(manager, agent.tenantId, registered.request.id, checked.articles);
  if (checked.suggestion)
    await confirmSuggestion(manager, checked.suggestion, input, checked.classification.categoryPath, registered.request.id, agent.subject, now);
  return registered;
}
