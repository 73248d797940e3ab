import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { closingDetail, isDispatched, mergeChanges, registrationChanges, Requester, ScopeInput, StatusChange } from '@hotline/intake-domain';
import type { Outbox } from '@hotline/platform';
import { isClosedStatus } from '@hotline/vocabulary';
import type { RequestType, ScopeDecision, Urgency } from '@hotline/vocabulary';
import { latestCategoryPath } from '../categories/taxonomy.repository';
import { insertExternalRefs, insertMatchText } from '../duplicates/duplicates.repository';
import type { ExternalRefInput } from '../duplicates/duplicates.schemas';
import type { MatchKeys } from '../duplicates/requester-match-keys';
import { sealFreeText } from './free-text';
import { accessCodeHash, newAccessCode } from './access-code';
import type { Registrar } from './registrar';
import { RequestEntity } from './request.entity';
import { sealRequester } from './requester-identity';
import { recordStep } from './request-status';
import { insertRequest } from './requests.repository';
import { maskRequester, RequesterView, toRequestBrief } from './requests.views';

/** A request's category in the tenant's latest taxonomy, with its path from level 1. */
export interface Classification {
  categoryCode: string;
  taxonomyVersion: number;
  categoryPath: string[];
}

/** The category in the latest taxonomy version; undefined when that version has no such code. */
export async function classify(manager: EntityManager, categoryCode: string): Promise<Classification | undefined> {
  const { version: taxonomyVersion, path } = await latestCategoryPath(manager, categoryCode);
  return path.length === 0 || taxonomyVersion === 0 ? undefined : { categoryCode, taxonomyVersion, categoryPath: path };
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
  /** The scope decision taken on it; undefined: an online submission waiting for the agent's (online queue). */
  scope: ScopeInput | undefined;
  /** 涉企. */
  enterpriseRelated?: boolean;
  createdBy: string;
  /** Who registers it in the status history: the agent's subject, or system:intake online. */
  actor: string;
  /** Keyed hashes of the requester's phone and address, so its repeats are found; none: not matched by requester. */
  matchKeys?: MatchKeys;
  /** The 信访 / 互联网+督查 cases it names. */
  externalRefs?: readonly ExternalRefInput[];
  /** The open master a repeat is merged into (并单), already checked and locked: the new request is never dispatched. */
  master?: { id: string; number: string };
  /** The terminated request (诉求终结) a contact answered as a terminated matter repeats, already checked. */
  terminatedMatter?: { id: string; number: string };
  /**
   * A request another hotline transferred here (转办, ADR 0027): it keeps its number, the
   * requester's access code (its hash: the number is the same) and when it was first received.
   */
  transferred?: { fromTenant: string; number: string; accessCodeHash: string; receivedAt: Date };
}

export interface RegisteredRequest {
  request: RequestEntity;
  /** The requester's access code (提取码); empty for a transferred request, whose requester holds it already. */
  accessCode: string;
  requester: RequesterView;
}

/**
 * Records a contact (全量接收: every one, whatever the scope decision) with its encrypted
 * requester identity, its free text masked (in clear only encrypted), its status changes
 * (registered, then closed, not accepted or merged at intake) and its events, which carry the masked
 * text only, in the caller's transaction. An online submission without a decision is registered
 * only: its decision comes from the online queue (decide-online-request.command.ts).
 */
export async function recordNewRequest(
  manager: EntityManager,
  { outbox, cipher, numbers }: Registrar,
  tenantId: string,
  input: NewRequest,
  now: Date,
): Promise<RegisteredRequest> {
  const { transferred } = input;
  // Taken after every check of the input, so a refused contact uses no number.
  const number = transferred?.number ?? (await numbers.next(tenantId, now));
  const accessCode = transferred ? '' : newAccessCode();
  const { scope, master } = input;
  const decision = scope?.decision ?? null;
  const detail = !scope || isDispatched(scope.decision) ? null : closingDetail(scope);
  const inserted = await insertRequest(manager, {
    id: randomUUID(),
    tenantId,
    number,
    accessCodeHash: transferred?.accessCodeHash ?? accessCodeHash(number, accessCode),
    channel: input.channel,
    requestType: input.requestType,
    urgency: input.urgency,
    categoryCode: input.classification?.categoryCode ?? null,
    taxonomyVersion: input.classification?.taxonomyVersion ?? null,
    areaCode: input.areaCode,
    ...sealFreeText(cipher, tenantId, { title: input.title, content: input.content, outcomeDetail: detail }),
    scopeDecision: decision,
    enterpriseRelated: input.enterpriseRelated ?? false,
    status: 'registered',
    statusVersion: 0,
    statusChangedAt: now,
    primaryUnitId: null,
    receivedAt: transferred?.receivedAt ?? now,
    closedAt: null,
    ...sealRequester(cipher, tenantId, input.requester),
    createdBy: input.createdBy,
    requesterKey: input.matchKeys?.requesterKey ?? null,
    addressKey: input.matchKeys?.addressKey ?? null,
    mergedInto: master?.id ?? null,
    terminatedMatterOf: input.terminatedMatter?.id ?? null,
    transferredFrom: transferred?.fromTenant ?? null,
    transferredTo: null,
  });
  const { id } = inserted;
  await insertExternalRefs(manager, tenantId, id, input.externalRefs ?? []);
  await insertMatchText(manager, tenantId, id, now, inserted.title, inserted.content);
  // A submission waiting in the online queue is registered only, as an in-scope request is.
  const changes = master ? mergeChanges() : registrationChanges(decision ?? 'in-scope');
  const applied: StatusChange[] = [];
  for (const change of changes) {
    const first = change.from === '';
    const recorded = await recordStep(manager, outbox, tenantId, id, {
      at: now,
      eventType: first ? (transferred ? 'intake.transferred-in' : 'intake.registered') : master ? 'intake.merged' : 'intake.closed-at-intake',
      note: first ? (transferred ? transferred.fromTenant : input.channel) : master ? master.number : (decision ?? ''),
      actor: input.actor,
      change,
    });
    if (recorded) applied.push(change);
  }

  const request = afterRegistrationSteps(inserted, applied, now);
  const requester = maskRequester(input.requester);
  // Waiting for the agent's scope decision: nothing is announced beyond its registration yet.
  if (decision)
    await announceScopeDecision(manager, outbox, request, requester, input.classification?.categoryPath ?? [], { decision, master, actor: input.actor }, now);
  return { request, accessCode, requester };
}

/**
 * The new row as its registration steps left it, without reading it back (issue 18: one
 * statement and a TypeORM select less per registration). Each applied change moved the status
 * and counted it (moveStatus), a closing one set closed_at once; nothing else can write a row
 * this transaction inserted and has not committed.
 */
function afterRegistrationSteps(inserted: RequestEntity, applied: readonly StatusChange[], at: Date): RequestEntity {
  const last = applied[applied.length - 1];
  if (!last) return inserted;
  const closes = applied.some((c) => isClosedStatus(c.to));
  return Object.assign(inserted, {
    status: last.to,
    statusVersion: inserted.statusVersion + applied.length,
    statusChangedAt: at,
    closedAt: closes ? (inserted.closedAt ?? at) : inserted.closedAt,
  });
}

export interface AnnouncedDecision {
  decision: ScopeDecision;
  master?: { id: string; number: string };
  actor: string;
}

/**
 * The event of a request's scope decision, in the caller's transaction: RequestAccepted for
 * dispatch, RequestMerged for a repeat (never dispatched), RequestClosedAtIntake otherwise.
 * Taken at registration, or later on an online submission from the online queue.
 */
export async function announceScopeDecision(
  manager: EntityManager,
  outbox: Outbox,
  request: RequestEntity,
  requester: RequesterView,
  categoryPath: readonly string[],
  { decision, master, actor }: AnnouncedDecision,
  now: Date,
): Promise<void> {
  const { tenantId, id } = request;
  const brief = toRequestBrief(request, requester, categoryPath);
  const envelope = { tenantId, aggregateType: 'request', aggregateId: id };
  if (master)
    await outbox.append(manager, {
      ...envelope,
      event: Events.intake.requestMerged,
      payload: { request: brief, masterRequestId: master.id, masterNumber: master.number, mergedAt: now.toISOString(), mergedBy: actor },
    });
  else if (isDispatched(decision)) await outbox.append(manager, { ...envelope, event: Events.intake.requestAccepted, payload: { request: brief } });
  else
    await outbox.append(manager, {
      ...envelope,
      event: Events.intake.requestClosedAtIntake,
      payload: { request: brief, outcome: decision, detail: request.outcomeDetail ?? '', closedAt: now.toISOString(), closedBy: actor },
    });
}
