// Who may add and read a request's attachments (ADR 0028), beside the rule for its free text in
// clear (libs/intake-domain/src/clear-reads.ts), which it follows: an attachment — a photo, a
// scanned letter, the call recording — is personal data that cannot be masked.
import { HOTLINE_WIDE_ROLES, isClosedStatus, RequestStatus, Role, UNIT_ROLES } from '@hotline/vocabulary';

/** Agents take the call and attach what came with it; supervisors add to what they supervise. */
export const REQUEST_ATTACHMENT_UPLOADERS: readonly Role[] = ['agent', 'supervisor'];
/** The roles the routes let in; requestAttachmentRefusal decides per request. */
export const REQUEST_ATTACHMENT_READERS: readonly Role[] = ['agent', ...HOTLINE_WIDE_ROLES, ...UNIT_ROLES];

export interface AttachmentReader {
  roles: readonly Role[];
  /** The unit of unit staff (the token's `unit` claim). */
  unit?: string;
}

export interface RequestForAttachments {
  anonymous: boolean;
  confidential: boolean;
  status: RequestStatus;
  /** The code of the unit the request is dispatched to as 主办, once dispatched (staff tokens carry their unit's code). */
  primaryUnitCode: string | null;
}

export type Refusal = { status: 403 | 404 | 409; reason: string };

/**
 * Why this reader may not list or download this request's attachments; undefined when they may.
 * - Agents and the hotline-wide staff (dispatcher, reviewer, supervisor, tenant-admin): any request.
 * - The staff of the request's primary unit: its attachments, as they read its text in clear; any
 *   other unit does not learn the request exists (404).
 * - A confidential (保密) request with a requester: supervisors only, as for its text in clear —
 *   a photo or a recording names the requester more surely than any text.
 */
export function requestAttachmentRefusal(reader: AttachmentReader, target: RequestForAttachments): Refusal | undefined {
  const has = (role: Role) => reader.roles.includes(role);
  const hotline = has('agent') || HOTLINE_WIDE_ROLES.some(has);
  const ownUnit = UNIT_ROLES.some(has) && reader.unit !== undefined && reader.unit === target.primaryUnitCode;
  if (!hotline && !ownUnit) return { status: 404, reason: 'request' };
  if (target.confidential && !target.anonymous && !has('supervisor'))
    return { status: 403, reason: 'the attachments of a confidential request are visible to supervisors only' };
  return undefined;
}

/** Why nothing may be added to this request now: a closed request (办结, merged, transferred, archived) keeps what it has. */
export function requestAttachmentUploadRefusal(target: Pick<RequestForAttachments, 'status'>): Refusal | undefined {
  if (isClosedStatus(target.status)) return { status: 409, reason: `the request is ${target.status}: nothing more is attached to it` };
  return undefined;
}
