import { createHash } from 'node:crypto';
import { ProblemError } from '@hotline/platform';
import { ATTACHMENT_CONTENT_TYPES, AttachmentContentType, isAttachmentContentType } from '@hotline/vocabulary';
import { safeFilename } from './filename';
import type { AttachmentPolicy } from './policy';
import { sniffContentType } from './sniff';

/** Where a refusal points: the declared type is the Content-Type header, the name the `filename` query parameter. */
export const FIELDS = { contentType: 'header.content-type', filename: 'query.filename', body: '(body)' } as const;

/** Other spellings of the accepted types that clients send. */
const ALIASES: Record<string, AttachmentContentType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/mpeg3': 'audio/mpeg',
  'audio/x-mpeg-3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
};

/** A Content-Type header as a type of the vocabulary, or why it is none. Only UTF-8 (or ASCII) text is taken. */
export function declaredType(header: string | undefined): { type: AttachmentContentType } | { problem: string } {
  if (header === undefined || header.trim() === '') return { problem: `must state the file's type, one of: ${ATTACHMENT_CONTENT_TYPES.join(', ')}` };
  const [essence = '', ...params] = header.split(';').map((p) => p.trim());
  const name = essence.toLowerCase();
  const type = ALIASES[name] ?? (isAttachmentContentType(name) ? name : undefined);
  if (!type) return { problem: `${name || '(empty)'} is not a type attachments may have; one of: ${ATTACHMENT_CONTENT_TYPES.join(', ')}` };
  const charset = params.map((p) => p.split('=')).find(([k]) => k?.trim().toLowerCase() === 'charset')?.[1]?.trim().replace(/^"|"$/g, '').toLowerCase();
  if (type === 'text/plain' && charset !== undefined && !['utf-8', 'utf8', 'us-ascii'].includes(charset))
    return { problem: `text must be UTF-8, not ${charset}` };
  return { type };
}

/** An upload as it arrived: the bytes, the Content-Type header and the `filename` parameter. */
export interface Upload {
  bytes: Buffer | undefined;
  declared: string | undefined;
  filename: string | undefined;
}

/** An upload the rules accept: the name to keep, the type its bytes show (= the declared one), size and digest. */
export interface InspectedUpload {
  bytes: Buffer;
  filename: string;
  declaredContentType: string;
  contentType: AttachmentContentType;
  size: number;
  sha256: string;
}

/** 415 naming the declared type (the Content-Type header). */
const unsupported = (message: string) =>
  new ProblemError(415, 'unsupported_attachment_type', 'Unsupported attachment type', `${FIELDS.contentType}: ${message}`, [
    { field: FIELDS.contentType, message },
  ]);

/**
 * Whether the rules take this file, with every answer naming the field to blame: no name or a
 * bad one (400 `query.filename`), no bytes (400 `(body)`), larger than the tenant takes (413
 * `(body)`), a type not taken or bytes that are not what was declared — an executable or a script
 * declared a PDF or a PNG (415 `header.content-type`). Pure: it reads nothing and stores nothing.
 */
export function inspectUpload(upload: Upload, policy: AttachmentPolicy): InspectedUpload {
  const name = safeFilename(upload.filename);
  if (!name.ok) throw ProblemError.validation([{ field: FIELDS.filename, message: name.message }]);
  const bytes = upload.bytes;
  if (!bytes || bytes.length === 0) throw ProblemError.validation([{ field: FIELDS.body, message: "must be the file's bytes, not empty" }]);
  if (bytes.length > policy.maxFileBytes) {
    const message = `must be at most ${policy.maxFileBytes} bytes (this hotline's limit); the file has ${bytes.length}`;
    throw new ProblemError(413, 'attachment_too_large', 'Attachment too large', message, [{ field: FIELDS.body, message }]);
  }
  const declared = declaredType(upload.declared);
  if ('problem' in declared) throw unsupported(declared.problem);
  if (!policy.contentTypes.includes(declared.type)) throw unsupported(`${declared.type} is not taken by this hotline; it takes: ${policy.contentTypes.join(', ')}`);
  const sniffed = sniffContentType(bytes);
  if (sniffed.type !== declared.type) throw unsupported(`declared ${declared.type}, but the bytes are ${sniffed.what}`);
  return {
    bytes,
    filename: name.filename,
    declaredContentType: (upload.declared ?? '').trim().slice(0, 200),
    contentType: declared.type, // = what the bytes show
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** The Content-Type a download is served with: the sniffed type, text always as UTF-8. */
export function servedContentType(type: AttachmentContentType): string {
  return type === 'text/plain' ? 'text/plain; charset=utf-8' : type;
}
