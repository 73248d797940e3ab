import { Label, oneOf } from './code-list';

/**
 * What an attachment (附件) belongs to (ADR 0028): a request at intake (photos, documents, the
 * call recording), a work order's answer (the unit's evidence: a rectification photo, a letter),
 * or the reply to a 督办 order. Each owner kind is kept by the service that owns its owner.
 */
export const ATTACHMENT_OWNER_KINDS = ['request', 'work-order', 'supervision-order'] as const;
export type AttachmentOwnerKind = (typeof ATTACHMENT_OWNER_KINDS)[number];
export const isAttachmentOwnerKind = oneOf(ATTACHMENT_OWNER_KINDS);
export const ATTACHMENT_OWNER_KIND_LABELS: Record<AttachmentOwnerKind, Label> = {
  request: { zh: '诉求附件', en: 'Request attachment' },
  'work-order': { zh: '答复附件', en: 'Answer attachment' },
  'supervision-order': { zh: '督办回复附件', en: 'Supervision reply attachment' },
};

/**
 * The content types an attachment may have, each recognised by its bytes (never by its name or
 * declared type alone): documents, photos, Office files (zip-based, no macros), plain UTF-8 text,
 * and the audio of call recordings (MP3, WAV, AMR narrow- and wide-band).
 */
export const ATTACHMENT_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
  'audio/mpeg',
  'audio/wav',
  'audio/amr',
  'audio/amr-wb',
] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];
export const isAttachmentContentType = oneOf(ATTACHMENT_CONTENT_TYPES);
export const ATTACHMENT_CONTENT_TYPE_LABELS: Record<AttachmentContentType, Label> = {
  'application/pdf': { zh: 'PDF 文档', en: 'PDF document' },
  'image/png': { zh: 'PNG 图片', en: 'PNG image' },
  'image/jpeg': { zh: 'JPEG 图片', en: 'JPEG image' },
  'image/gif': { zh: 'GIF 图片', en: 'GIF image' },
  'image/webp': { zh: 'WebP 图片', en: 'WebP image' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { zh: 'Word 文档', en: 'Word document' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { zh: 'Excel 表格', en: 'Excel workbook' },
  'text/plain': { zh: '文本文件', en: 'Plain text' },
  'audio/mpeg': { zh: 'MP3 录音', en: 'MP3 audio' },
  'audio/wav': { zh: 'WAV 录音', en: 'WAV audio' },
  'audio/amr': { zh: 'AMR 录音', en: 'AMR audio' },
  'audio/amr-wb': { zh: 'AMR-WB 录音', en: 'AMR-WB audio' },
};

/**
 * What the virus-scan hook said of a stored attachment: `not-scanned` when no scanner is
 * configured, `clean` when it passed one. An infected file is refused (422) and never stored, so
 * no stored attachment is `infected`.
 */
export const ATTACHMENT_SCAN_RESULTS = ['not-scanned', 'clean'] as const;
export type AttachmentScanResult = (typeof ATTACHMENT_SCAN_RESULTS)[number];
export const isAttachmentScanResult = oneOf(ATTACHMENT_SCAN_RESULTS);
export const ATTACHMENT_SCAN_RESULT_LABELS: Record<AttachmentScanResult, Label> = {
  'not-scanned': { zh: '未扫描', en: 'Not scanned' },
  clean: { zh: '已扫描无毒', en: 'Scanned clean' },
};
