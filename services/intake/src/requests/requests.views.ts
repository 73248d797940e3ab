import { commonV1 } from '@hotline/contracts';
import { maskAddress, maskIdNumber, maskName, maskPhone, Requester } from '@hotline/intake-domain';
import { PiiCipher } from '@hotline/platform';
import { PublicTermination, publicTerminationStep } from '../timeline/termination-step';
import { maskedFreeText } from './free-text';
import { RequestEntity } from './request.entity';
import { openRequester } from './requester-identity';
import { TimelineEntryEntity } from './timeline-entry.entity';

/** The requester as staff see it: masked, nothing when confidential (保密), no identity when anonymous. */
export type RequesterView =
  | { anonymous: true }
  | { anonymous: false; name: string; phone: string; idNumber?: string; address?: string; confidential: boolean };

export function maskRequester(requester: Requester): RequesterView {
  if (requester.anonymous) return { anonymous: true };
  if (requester.confidential) return { anonymous: false, name: '', phone: '', confidential: true };
  return {
    anonymous: false,
    name: maskName(requester.name),
    phone: maskPhone(requester.phone),
    ...(requester.idNumber === undefined ? {} : { idNumber: maskIdNumber(requester.idNumber) }),
    ...(requester.address === undefined ? {} : { address: maskAddress(requester.address) }),
    confidential: false,
  };
}

/** The masked requester of a stored request; a confidential identity is not even decrypted. */
export function maskedRequester(cipher: PiiCipher, r: RequestEntity): RequesterView {
  if (r.confidential && !r.anonymous) return maskRequester({ anonymous: false, name: '', phone: '', confidential: true });
  return maskRequester(openRequester(cipher, r));
}

/** What every downstream event carries about the request: masked identity and text only, and the category's path. */
export function toRequestBrief(r: RequestEntity, requester: RequesterView, categoryPath: readonly string[]): commonV1.RequestBrief {
  const { title, content } = maskedFreeText(r);
  return {
    requestId: r.id,
    number: r.number,
    channel: r.channel,
    requestType: r.requestType,
    urgency: r.urgency,
    categoryCode: r.categoryCode ?? '',
    areaCode: r.areaCode,
    title,
    content,
    receivedAt: r.receivedAt.toISOString(),
    requesterMaskedName: requester.anonymous ? '' : requester.name,
    requesterMaskedPhone: requester.anonymous ? '' : requester.phone,
    confidential: r.confidential,
    anonymous: r.anonymous,
    categoryPath: [...categoryPath],
    taxonomyVersion: r.taxonomyVersion ?? 0,
    enterpriseRelated: r.enterpriseRelated,
  };
}

/** A request for staff: identity and free text masked (the clear reads are separate and audited). */
export function toRequestView(r: RequestEntity, requester: RequesterView) {
  const text = maskedFreeText(r);
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    channel: r.channel,
    requestType: r.requestType,
    urgency: r.urgency,
    categoryCode: r.categoryCode,
    taxonomyVersion: r.taxonomyVersion,
    areaCode: r.areaCode,
    title: text.title,
    content: text.content,
    scope: { decision: r.scopeDecision, detail: text.outcomeDetail ?? undefined },
    primaryUnitId: r.primaryUnitId,
    receivedAt: r.receivedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    anonymous: r.anonymous,
    confidential: r.confidential,
    enterpriseRelated: r.enterpriseRelated,
    requester,
    createdBy: r.createdBy,
    // 转办 (ADR 0027): the hotline it came from, or the one that took it over.
    transferredFrom: r.transferredFrom ?? null,
    transferredTo: r.transferredTo ?? null,
  };
}

/** A step for staff: `seq` is its arrival, `status` what its fact stands for, `changedStatus` whether it moved the current status. */
export function toTimelineView(t: TimelineEntryEntity) {
  return {
    seq: t.seq,
    at: t.at.toISOString(),
    status: t.status,
    reason: t.reason,
    round: t.round,
    changedStatus: t.changedStatus,
    actor: t.actor,
    eventType: t.eventType,
    note: t.note,
  };
}

/**
 * The public lookup: the status steps (timeline in causal order) with their time, nothing else;
 * the 已终结 step of a terminated request with its reason and the legal route the requester is told.
 */
export function toPublicProgressView(r: RequestEntity, timeline: readonly TimelineEntryEntity[], termination: PublicTermination | null = null) {
  return {
    number: r.number,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
    timeline: timeline
      .filter((t) => t.status !== null)
      .map((t) => publicTerminationStep({ status: t.status, at: t.at.toISOString() }, termination)),
    // 转办: where to follow it now (the same number and 提取码 work there), never why.
    ...(r.transferredTo ? { transferredTo: r.transferredTo } : {}),
  };
}
