import { z } from 'zod';
import { ATTACHMENT_CONTENT_TYPES, AttachmentContentType } from '@hotline/vocabulary';

/** A tenant's attachment rules (ADR 0028): how large a file, how many per owner, which types. */
export interface AttachmentPolicy {
  /** Largest file taken, in bytes. */
  maxFileBytes: number;
  /** Most files one request, answer or 督办 reply carries. */
  maxFilesPerOwner: number;
  /** The types taken, a subset of ATTACHMENT_CONTENT_TYPES. */
  contentTypes: readonly AttachmentContentType[];
}

export const MIB = 1024 * 1024;

/**
 * The platform's ceiling: no tenant may take larger files, and the upload routes' body limit,
 * so a body larger than any tenant takes is refused while it arrives. An hour-long call recorded
 * as 64 kbit/s MP3 is about 28 MiB; a phone photo 3–8 MiB; a scanned letter a few MiB.
 */
export const ATTACHMENT_CEILING_BYTES = 50 * MIB;
/** Most files per owner any tenant may allow. */
export const ATTACHMENT_CEILING_FILES = 100;

/**
 * The default where a tenant has set none: 10 MiB a file, 20 files per owner, every type.
 * No national rule fixes these (the draft standard asks for attachments, not their size); 10 MiB
 * takes a phone photo or a short recording, and a city that takes whole call recordings raises it.
 */
export const DEFAULT_ATTACHMENT_POLICY: AttachmentPolicy = {
  maxFileBytes: 10 * MIB,
  maxFilesPerOwner: 20,
  contentTypes: ATTACHMENT_CONTENT_TYPES,
};

/** The body of PUT /v1/attachment-policy (intake's and handling's alike). */
export const PutAttachmentPolicyBody = z
  .object({
    maxFileBytes: z.number().int().min(1024).max(ATTACHMENT_CEILING_BYTES),
    maxFilesPerOwner: z.number().int().min(1).max(ATTACHMENT_CEILING_FILES),
    contentTypes: z
      .array(z.enum(ATTACHMENT_CONTENT_TYPES))
      .min(1)
      .max(ATTACHMENT_CONTENT_TYPES.length)
      .refine((types) => new Set(types).size === types.length, 'must not name a type twice')
      .default([...ATTACHMENT_CONTENT_TYPES]),
  })
  .strict();
export type PutAttachmentPolicy = z.infer<typeof PutAttachmentPolicyBody>;
