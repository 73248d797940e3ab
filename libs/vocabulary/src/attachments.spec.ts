import {
  ATTACHMENT_CONTENT_TYPE_LABELS,
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_OWNER_KIND_LABELS,
  ATTACHMENT_OWNER_KINDS,
  ATTACHMENT_SCAN_RESULT_LABELS,
  ATTACHMENT_SCAN_RESULTS,
  isAttachmentContentType,
  isAttachmentOwnerKind,
} from './index';

describe('attachment vocabulary', () => {
  it('labels every owner kind, content type and scan result, in zh and en', () => {
    expect(Object.keys(ATTACHMENT_OWNER_KIND_LABELS)).toEqual([...ATTACHMENT_OWNER_KINDS]);
    expect(Object.keys(ATTACHMENT_CONTENT_TYPE_LABELS)).toEqual([...ATTACHMENT_CONTENT_TYPES]);
    expect(Object.keys(ATTACHMENT_SCAN_RESULT_LABELS)).toEqual([...ATTACHMENT_SCAN_RESULTS]);
    for (const label of [...Object.values(ATTACHMENT_OWNER_KIND_LABELS), ...Object.values(ATTACHMENT_CONTENT_TYPE_LABELS)]) expect(label.zh && label.en).toBeTruthy();
  });

  it('takes no executable, script or markup type, and stores no infected file', () => {
    for (const type of ['application/x-msdownload', 'application/octet-stream', 'text/html', 'image/svg+xml', 'application/zip', 'application/javascript'])
      expect(isAttachmentContentType(type)).toBe(false);
    expect(ATTACHMENT_SCAN_RESULTS).not.toContain('infected');
    expect(isAttachmentOwnerKind('work-order')).toBe(true);
    expect(isAttachmentOwnerKind('answer')).toBe(false);
  });
});
