import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { closingDetail, isDispatched, ScopeInput, statusAfterScope } from '@hotline/intake-domain';
import { Outbox, ProblemError } from '@hotline/platform';
import { randomUUID } from 'node:crypto';
import { categoryExists } from '../categories/categories';
import { PiiCipher } from '../pii/pii-cipher';
import { accessCodeHash, newAccessCode, nextRequestNumber } from './request-number';
import { RequestEntity } from './request.entity';
import { appendTimeline } from './timeline';
import { MaskedRequester, maskedRequester, toRequestBrief } from './request-views';

export interface NewRequest {
  channel: string;
  requester: { name: string; phone: string; idNumber?: string; address?: string; confidential: boolean };
  title?: string;
  content: string;
  areaCode: string;
  requestType: string;
  urgency: string;
  categoryCode?: string;
  scope: ScopeInput;
  createdBy: string;
}

export interface RegisteredRequest {
  request: RequestEntity;
  accessCode: string;
  requester: MaskedRequester;
}

const DEFAULT_TITLE_CHARS = 30;

/**
 * Records a contact (全量接收: every one, whatever the scope decision) with its encrypted
 * requester identity, its first timeline steps and its event, in the caller's transaction.
 */
export async function registerRequest(
  manager: EntityManager,
  outbox: Outbox,
  cipher: PiiCipher,
  tenantId: string,
  input: NewRequest,
  now: Date = new Date(),
): Promise<RegisteredRequest> {
  if (input.categoryCode !== undefined && !(await categoryExists(manager, input.categoryCode)))
    throw ProblemError.validation([{ field: 'categoryCode', message: `unknown category "${input.categoryCode}"` }]);
  const number = await nextRequestNumber(manager, tenantId, now);
  const accessCode = newAccessCode();
  const status = statusAfterScope(input.scope.decision);
  const detail = isDispatched(input.scope.decision) ? null : closingDetail(input.scope);
  const { requester } = input;
  const request = await manager.getRepository(RequestEntity).save({
    id: randomUUID(),
    tenantId,
    number,
    accessCodeHash: accessCodeHash(number, accessCode),
    channel: input.channel,
    requestType: input.requestType,
    urgency: input.urgency,
    categoryCode: input.categoryCode ?? null,
    areaCode: input.areaCode,
    title: input.title ?? Array.from(input.content).slice(0, DEFAULT_TITLE_CHARS).join(''),
    content: input.content,
    scopeDecision: input.scope.decision,
    outcomeDetail: detail,
    status,
    primaryUnitId: null,
    receivedAt: now,
    closedAt: status === 'registered' ? null : now,
    confidential: requester.confidential,
    requesterNameEnc: cipher.encrypt(tenantId, requester.name),
    requesterPhoneEnc: cipher.encrypt(tenantId, requester.phone),
    requesterIdNumberEnc: cipher.encryptOptional(tenantId, requester.idNumber),
    requesterAddressEnc: cipher.encryptOptional(tenantId, requester.address),
    createdBy: input.createdBy,
  });

  const masked = maskedRequester(cipher, request);
  const brief = toRequestBrief(request, masked);
  await appendTimeline(manager, tenantId, request.id, { at: now, status: 'registered', eventType: 'intake.registered', note: input.channel });
  if (status === 'registered') {
    await outbox.append(manager, {
      event: Events.intake.requestAccepted,
      tenantId,
      aggregateType: 'request',
      aggregateId: request.id,
      payload: { request: brief },
    });
  } else {
    await appendTimeline(manager, tenantId, request.id, {
      at: now,
      status,
      eventType: 'intake.closed-at-intake',
      note: input.scope.decision,
    });
    await outbox.append(manager, {
      event: Events.intake.requestClosedAtIntake,
      tenantId,
      aggregateType: 'request',
      aggregateId: request.id,
      payload: { request: brief, outcome: input.scope.decision, detail: detail ?? '', closedAt: now.toISOString() },
    });
  }
  return { request, accessCode, requester: masked };
}
