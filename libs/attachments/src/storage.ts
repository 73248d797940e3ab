import { isAttachmentOwnerKind, isTenantCode, type AttachmentOwnerKind } from '@hotline/vocabulary';

/**
 * Where attachment bytes are kept (ADR 0028). The metadata row is the service's (under row-level
 * security); the store holds bytes by key only and is never reached but through a service that
 * has checked who asks. Keys begin with the tenant, so one tenant's files never share a prefix
 * with another's (a bucket policy or a backup can be scoped per tenant).
 */
export interface AttachmentStorage {
  /** `local` or `s3`, for logs and readiness. */
  readonly kind: string;
  /** Stores the bytes under the key (replacing nothing: keys are new ids). */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the bytes (nothing stored: no error). */
  delete(key: string): Promise<void>;
}

/** A storage failure a retry may get past (the store unreachable or answering 5xx): answered 503. */
export class StorageUnavailableError extends Error {
  readonly code = '503';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

const ID = /^[A-Za-z0-9-]{1,64}$/;

/** The key of one attachment: `<tenant>/<owner kind>/<owner id>/<attachment id>`, every segment checked, so no key climbs out of its tenant. */
export function storageKey(parts: { tenantId: string; ownerKind: AttachmentOwnerKind; ownerId: string; attachmentId: string }): string {
  if (!isTenantCode(parts.tenantId)) throw new Error(`not a tenant code: ${parts.tenantId}`);
  if (!isAttachmentOwnerKind(parts.ownerKind)) throw new Error(`not an owner kind: ${parts.ownerKind}`);
  if (!ID.test(parts.ownerId) || !ID.test(parts.attachmentId)) throw new Error('owner and attachment ids must be letters, digits and dashes');
  return `${parts.tenantId}/${parts.ownerKind}/${parts.ownerId}/${parts.attachmentId}`;
}

/** Whether a key is one storageKey makes (stores refuse any other). */
export function isStorageKey(key: string): boolean {
  const segments = key.split('/');
  const [tenant, kind, owner = '', id = ''] = segments;
  return segments.length === 4 && isTenantCode(tenant) && isAttachmentOwnerKind(kind) && ID.test(owner) && ID.test(id);
}
