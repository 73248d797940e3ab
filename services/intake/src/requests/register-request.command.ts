import { EntityManager } from 'typeorm';
import { FieldError, Identity, Outbox, PiiCipher, ProblemError } from '@hotline/platform';
import { findEnabledChannel } from '../channels/channels.repository';
import { classify, recordNewRequest, RegisteredRequest } from './new-request';
import type { CreateRequest } from './requests.schemas';

/**
 * An agent registers a contact with the scope decision taken on it. Its channel must be one the
 * hotline has configured and enabled, its category one of the latest taxonomy.
 */
export async function registerRequest(
  manager: EntityManager,
  outbox: Outbox,
  cipher: PiiCipher,
  agent: Identity,
  input: CreateRequest,
  now: Date = new Date(),
): Promise<RegisteredRequest> {
  const errors: FieldError[] = [];
  if (!(await findEnabledChannel(manager, input.channel)))
    errors.push({ field: 'channel', message: `"${input.channel}" is not an enabled channel of this hotline` });
  const classification = await classify(manager, input.categoryCode);
  if (!classification)
    errors.push({ field: 'categoryCode', message: `unknown category "${input.categoryCode}" in the latest taxonomy` });
  if (errors.length > 0) throw ProblemError.validation(errors);
  const { categoryCode: _code, ...rest } = input;
  return recordNewRequest(
    manager,
    outbox,
    cipher,
    agent.tenantId,
    { ...rest, classification, createdBy: agent.subject, actor: agent.subject },
    now,
  );
}
