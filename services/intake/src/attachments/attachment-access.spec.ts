import { requestAttachmentRefusal, requestAttachmentUploadRefusal } from './attachment-access';

describe("who reads a request's attachments", () => {
  const request = { anonymous: false, confidential: false, status: 'dispatched' as const, primaryUnitCode: 'unit-a' };

  it('lets agents, the hotline-wide staff and the primary unit in; another unit does not see the request', () => {
    for (const roles of [['agent'], ['dispatcher'], ['reviewer'], ['supervisor'], ['tenant-admin']] as const)
      expect(requestAttachmentRefusal({ roles }, request)).toBeUndefined();
    expect(requestAttachmentRefusal({ roles: ['unit-operator'], unit: 'unit-a' }, request)).toBeUndefined();
    expect(requestAttachmentRefusal({ roles: ['unit-leader'], unit: 'unit-a' }, request)).toBeUndefined();
    expect(requestAttachmentRefusal({ roles: ['unit-operator'], unit: 'unit-b' }, request)).toEqual({ status: 404, reason: 'request' });
    expect(requestAttachmentRefusal({ roles: ['unit-operator'] }, request)?.status).toBe(404);
    expect(requestAttachmentRefusal({ roles: ['unit-operator'], unit: 'unit-a' }, { ...request, primaryUnitCode: null })?.status).toBe(404);
    expect(requestAttachmentRefusal({ roles: ['province-operator'] }, request)?.status).toBe(404);
  });

  it('keeps a confidential request’s attachments for supervisors, unless nobody is named', () => {
    const secret = { ...request, confidential: true };
    expect(requestAttachmentRefusal({ roles: ['supervisor'] }, secret)).toBeUndefined();
    for (const reader of [{ roles: ['agent' as const] }, { roles: ['dispatcher' as const] }, { roles: ['unit-operator' as const], unit: 'unit-a' }])
      expect(requestAttachmentRefusal(reader, secret)?.status).toBe(403);
    expect(requestAttachmentRefusal({ roles: ['agent'] }, { ...secret, anonymous: true })).toBeUndefined();
  });

  it('takes no new attachment on a closed request', () => {
    expect(requestAttachmentUploadRefusal(request)).toBeUndefined();
    for (const status of ['closed', 'merged', 'transferred', 'archived', 'not-accepted'] as const)
      expect(requestAttachmentUploadRefusal({ ...request, status })?.status).toBe(409);
  });
});
