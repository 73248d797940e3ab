import { PiiCipher } from '@hotline/platform';
import { RequestEntity } from './request.entity';
import { sealRequester } from './requester-identity';
import { maskedRequester, maskRequester, toPublicProgressView, toRequestBrief, toRequestView, toTimelineView } from './requests.views';
import { TimelineEntryEntity } from './timeline-entry.entity';

const cipher = new PiiCipher(Buffer.alloc(32, 7));
const NAMED = { anonymous: false as const, name: '张三丰', phone: '13812345678', address: '南京市玄武区中山路1号', confidential: false };

function request(overrides: Partial<RequestEntity> = {}, requester: Parameters<typeof sealRequester>[2] = NAMED): RequestEntity {
  return Object.assign(new RequestEntity(), {
    id: 'r1',
    tenantId: 'city-a',
    number: '3201-20250124-000001',
    accessCodeHash: 'h',
    channel: 'phone',
    requestType: 'complaint',
    urgency: 'normal',
    categoryCode: '010101',
    taxonomyVersion: 2,
    areaCode: '320102',
    title: '电梯',
    titleEnc: null,
    content: '电梯停运',
    contentEnc: null,
    scopeDecision: 'in-scope',
    outcomeDetail: null,
    outcomeDetailEnc: null,
    freeTextSealed: true,
    status: 'registered',
    statusVersion: 1,
    statusChangedAt: new Date('2025-01-24T02:00:00Z'),
    primaryUnitId: null,
    receivedAt: new Date('2025-01-24T02:00:00Z'),
    closedAt: null,
    createdBy: 'agent-1',
    ...sealRequester(cipher, 'city-a', requester),
    ...overrides,
  });
}

describe('request views', () => {
  it('masks a named requester, hides a confidential one and shows no identity for an anonymous one', () => {
    expect(maskRequester(NAMED)).toEqual({ anonymous: false, name: '张**', phone: '138****5678', address: '南京市玄武区…', confidential: false });
    expect(maskRequester({ ...NAMED, confidential: true })).toEqual({ anonymous: false, name: '', phone: '', confidential: true });
    expect(maskRequester({ anonymous: true })).toEqual({ anonymous: true });
    expect(maskedRequester(cipher, request())).toEqual(maskRequester(NAMED));
    expect(maskedRequester(cipher, request({}, { anonymous: true }))).toEqual({ anonymous: true });
  });

  it('briefs downstream services with masked identity, the category path and its version', () => {
    const r = request();
    expect(toRequestBrief(r, maskedRequester(cipher, r), ['01', '0101', '010101'])).toMatchObject({
      requesterMaskedName: '张**',
      requesterMaskedPhone: '138****5678',
      anonymous: false,
      confidential: false,
      categoryCode: '010101',
      categoryPath: ['01', '0101', '010101'],
      taxonomyVersion: 2,
    });
    const anonymous = request({ categoryCode: null, taxonomyVersion: null }, { anonymous: true });
    expect(toRequestBrief(anonymous, { anonymous: true }, [])).toMatchObject({
      requesterMaskedName: '',
      requesterMaskedPhone: '',
      anonymous: true,
      categoryCode: '',
      categoryPath: [],
      taxonomyVersion: 0,
    });
  });

  it('never puts clear identity into a view or a brief', () => {
    const r = request();
    const text = JSON.stringify([toRequestView(r, maskedRequester(cipher, r)), toRequestBrief(r, maskedRequester(cipher, r), [])]);
    for (const secret of [NAMED.name, NAMED.phone, NAMED.address]) expect(text).not.toContain(secret);
  });

  it('shows staff why and by whom the status changed, and the public only status and time', () => {
    const step = (seq: number, status: TimelineEntryEntity['status']) =>
      Object.assign(new TimelineEntryEntity(), {
        requestId: 'r1',
        seq,
        tenantId: 'city-a',
        at: new Date(Date.UTC(2025, 0, 24, 2, seq)),
        status,
        reason: status ? 'dispatched' : null,
        round: null,
        changedStatus: status !== null,
        actor: 'dispatcher-7',
        eventType: 'hotline.dispatch.v1.RequestDispatched',
        note: 'catalog: 住建局 (primary)',
      });
    expect(toTimelineView(step(2, 'dispatched'))).toEqual({
      seq: 2,
      at: '2025-01-24T02:02:00.000Z',
      status: 'dispatched',
      reason: 'dispatched',
      round: null,
      changedStatus: true,
      actor: 'dispatcher-7',
      eventType: 'hotline.dispatch.v1.RequestDispatched',
      note: 'catalog: 住建局 (primary)',
    });
    expect(toPublicProgressView(request({ status: 'dispatched' }), [step(1, 'registered'), step(2, null), step(3, 'dispatched')])).toEqual({
      number: '3201-20250124-000001',
      status: 'dispatched',
      receivedAt: '2025-01-24T02:00:00.000Z',
      timeline: [
        { status: 'registered', at: '2025-01-24T02:01:00.000Z' },
        { status: 'dispatched', at: '2025-01-24T02:03:00.000Z' },
      ],
    });
  });
});
