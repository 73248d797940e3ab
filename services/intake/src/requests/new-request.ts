import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { closingDetail, isDispatched, registrationChanges, Requester, ScopeInput } from '@hotline/intake-domain';
import { Outbox, PiiCipher } from '@hotline/platform';
import type { RequestType, Urgency } from '@hotline/vocabulary';
import { categoryPath, latestTaxonomyVersion } from '../categories/taxonomy.repository';
import { sealFreeText } from './free-text';
import { accessCodeHash, newAccessCode, nextRequestNumber } from './request-number';
import { RequestEntity } from './request.entity';
import { sealRequester } from './requester-identity';
import { recordStep } from './request-status';
import { findRequest, insertRequest } from './requests.repository';
import { maskRequester, RequesterView, toRequestBrief } from './requests.views';

/** A request's category in the tenant's latest taxonomy, with its path from level 1. */
export interface Classification {
  categoryCode: string;
  taxonomyVersion: number;
  categoryPath: string[];
}

/** The category in the latest taxonomy version; undefined when that version has no such code. */
export async function classify(manager: EntityManager, categoryCode: string): Promise<Classification | undefined> {
  const taxonomyVersion = await latestTaxonomyVersion(manager);
  const path = taxonomyVersion === 0 ? [] : await categoryPath(manager, taxonomyVersion, categoryCode);
  return path.length === 0 ? undefined : { categoryCode, taxonomyVersion, categoryPath: path };
}

export interface NewRequest {
  /** A channel code already checked against the tenant's enabled channels. */
  channel: string;
  requester: Requester;
  title?: string;
  content: string;
  areaCode: string;
  requestType: RequestType;
  urgency: Urgency;
  classification?: Classification;
  scope: ScopeInput;
  createdBy: string;
  /** Who registers it in the status history: the agent's subject, or system:intake online. */
  actor: string;
}

export interface RegisteredRequest {
  request: RequestEntity;
  accessCode: string;
  requester: RequesterView;
}

/**
 * Records a contact (全量接收: every one, whatever the scope decision) with its encrypted
 * requester identity, its free text masked (in clear only encrypted), its status changes
 * (registered, then closed or not accepted at intake) and its events, which carry the masked
 * text only, in the caller's transaction.
 */
export async function recordNewRequest(
  manager: EntityManager,
  outbox: Outbox,
  cipher: PiiCipher,
  tenantId: string,
  input: NewRequest,
  now: Date,
): Promise<RegisteredRequest> {
  const number = await nextRequestNumber(manager, tenantId, now);
  const accessCode = newAccessCode();
  const { decision } = input.scope;
  const detail = isDispatched(decision) ? null : closingDetail(input.scope);
  const { id } = await insertRequest(manager, {
    id: randomUUID(),
    tenantId,
    number,
    accessCodeHash: accessCodeHash(number, accessCode),
    channel: input.channel,
    requestType: input.requestType,
    urgency: input.urgency,
    categoryCode: input.classification?.categoryCode ?? null,
    taxonomyVersion: input.classification?.taxonomyVersion ?? null,
    areaCode: input.areaCode,
    ...sealFreeText(cipher, tenantId, { title: input.title, content: input.content, outcomeDetail: detail }),
    scopeDecision: decision,
    status: 'registered',
    statusVersion: 0,
    statusChangedAt: now,
    primaryUnitId: null,
    receivedAt: now,
    closedAt: null,
    ...sealRequester(cipher, tenantId, input.requester),
    createdBy: input.createdBy,
  });
  for (const change of registrationChanges(decision)) {
    const first = change.from === '';
    await recordStep(manager, outbox, tenantId, id, {
      at: now,
      eventType: first ? 'intake.registered' : 'intake.closed-at-intake',
      note: first ? input.channel : decision,
      actor: input.actor,
      change,
    });
  }

  const request = (await findRequest(manager, id)) as RequestEntity;
  const requester = maskRequester(input.requester);
  const brief = toRequestBrief(request, requester, input.classification?.categoryPath ?? []);
  const envelope = { tenantId, aggregateType: 'request', aggregateId: id };
  if (isDispatched(decision)) await outbox.append(manager, { ...envelope, event: Events.intake.requestAccepted, payload: { request: brief } });
  else
    await outbox.append(manager, {
      ...envelope,
      event: Events.intake.requestClosedAtIntake,
      payload: { request: brief, outcome: decision, detail: request.outcomeDetail ?? '', closedAt: now.toISOString(), closedBy: input.actor },
    });
  return { request, accessCode, requester };
}
