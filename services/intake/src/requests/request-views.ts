import { commonV1 } from '@hotline/contracts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '@hotline/intake-domain';
import { PiiCipher } from '../pii/pii-cipher';
import { RequestEntity } from './request.entity';
import { TimelineEntryEntity } from './timeline-entry.entity';

export interface MaskedRequester {
  name: string;
  phone: string;
  idNumber?: string;
  address?: string;
  confidential: boolean;
}

/** Masked identity; a confidential (保密) request shows none at all, as in its events. */
export function maskedRequester(cipher: PiiCipher, r: RequestEntity): MaskedRequester {
  if (r.confidential) return { name: '', phone: '', confidential: true };
  const idNumber = cipher.decryptOptional(r.tenantId, r.requesterIdNumberEnc);
  const address = cipher.decryptOptional(r.tenantId, r.requesterAddressEnc);
  return {
    name: maskName(cipher.decrypt(r.tenantId, r.requesterNameEnc)),
    phone: maskPhone(cipher.decrypt(r.tenantId, r.requesterPhoneEnc)),
    ...(idNumber === undefined ? {} : { idNumber: maskIdNumber(idNumber) }),
    ...(address === undefined ? {} : { address: maskAddress(address) }),
    confidential: false,
  };
}

export function toRequestBrief(r: RequestEntity, requester: MaskedRequester): commonV1.RequestBrief {
  return {
    requestId: r.id,
    number: r.number,
    channel: r.channel,
    requestType: r.requestType,
    urgency: r.urgency,
    categoryCode: r.categoryCode ?? '',
    areaCode: r.areaCode,
    title: r.title,
    content: r.content,
    receivedAt: r.receivedAt.toISOString(),
    requesterMaskedName: r.confidential ? '' : requester.name,
    requesterMaskedPhone: r.confidential ? '' : requester.phone,
    confidential: r.confidential,
  };
}

export function toRequestView(r: RequestEntity, requester: MaskedRequester) {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    channel: r.channel,
    requestType: r.requestType,
    urgency: r.urgency,
    categoryCode: r.categoryCode,
    areaCode: r.areaCode,
    title: r.title,
    content: r.content,
    scope: { decision: r.scopeDecision, detail: r.outcomeDetail ?? undefined },
    primaryUnitId: r.primaryUnitId,
    receivedAt: r.receivedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    confidential: r.confidential,
    requester,
    createdBy: r.createdBy,
  };
}

export function toTimelineView(t: TimelineEntryEntity) {
  return { seq: t.seq, at: t.at.toISOString(), status: t.status, eventType: t.eventType, note: t.note };
}
