import { toRequester } from '@hotline/intake-domain';
import { fieldErrors } from '@hotline/platform';
import { CreateRequestBody, ListRequestsQuery, PublicCreateRequestBody, PublicLookupQuery } from './requests.schemas';

const body = (overrides: Record<string, unknown> = {}) => ({
  channel: 'phone',
  requester: { name: '张三', phone: '13812345678' },
  content: '电梯停运',
  areaCode: '320102',
  requestType: 'complaint',
  urgency: 'normal',
  categoryCode: '010101',
  scope: { decision: 'in-scope' },
  ...overrides,
});
const fieldsOf = (result: ReturnType<typeof CreateRequestBody.safeParse>) => (result.success ? [] : fieldErrors(result.error).map((e) => e.field));

describe('request schemas', () => {
  it('reads a named requester as entered, confidential left unsaid when not asked (the tenant default applies)', () => {
    const requester = (r: unknown) => toRequester(CreateRequestBody.parse(body({ requester: r })).requester, true);
    expect(CreateRequestBody.parse(body()).requester).toEqual({ anonymous: false, name: '张三', phone: '13812345678' });
    expect(requester({ name: '张三', phone: '13812345678' })).toMatchObject({ anonymous: false, confidential: true });
    expect(requester({ name: '张三', phone: '13812345678', confidential: false })).toMatchObject({ anonymous: false, confidential: false });
  });

  it('reads an anonymous requester with no identity, and refuses identity beside anonymity', () => {
    const requester = (r: unknown) => toRequester(CreateRequestBody.parse(body({ requester: r })).requester, true);
    expect(requester({ anonymous: true })).toEqual({ anonymous: true });
    expect(requester({ anonymous: true, confidential: true })).toEqual({ anonymous: true });
    expect(fieldsOf(CreateRequestBody.safeParse(body({ requester: { anonymous: true, idNumber: '32010219900101123X' } })))).toEqual([
      'requester.idNumber',
    ]);
    expect(fieldsOf(CreateRequestBody.safeParse(body({ requester: {} })))).toEqual(['requester.name', 'requester.phone']);
    expect(fieldsOf(CreateRequestBody.safeParse(body({ requester: undefined })))).toEqual(['requester']);
    expect(fieldsOf(CreateRequestBody.safeParse(body({ requester: { anonymous: true, nickname: 'x' } })))).toEqual(['requester']);
  });

  it('takes division codes as area codes, channel codes as channels, taxonomy codes as categories', () => {
    for (const areaCode of ['32', '3201', '320102', '320102001', '320102001001']) expect(CreateRequestBody.safeParse(body({ areaCode })).success).toBe(true);
    for (const areaCode of ['3', '32010', '3201020', '3201020010011', '32a102'])
      expect(fieldsOf(CreateRequestBody.safeParse(body({ areaCode })))).toEqual(['areaCode']);
    for (const channel of ['', 'Phone', 'carrier pigeon', 'x'.repeat(41)])
      expect(fieldsOf(CreateRequestBody.safeParse(body({ channel })))).toEqual(['channel']);
    expect(fieldsOf(CreateRequestBody.safeParse(body({ categoryCode: '.01' })))).toEqual(['categoryCode']);
  });

  it('makes the public requester optional (absent is anonymous), complete when given', () => {
    const submission = { title: '路灯', content: '路灯不亮', areaCode: '320102' };
    expect(PublicCreateRequestBody.parse(submission)).toEqual({ ...submission, requestType: 'consultation', enterpriseRelated: false });
    expect(PublicCreateRequestBody.safeParse({ ...submission, requester: { name: '李四' } }).success).toBe(false);
    expect(PublicCreateRequestBody.safeParse({ ...submission, requester: { anonymous: true } }).success).toBe(false);
  });

  it('pages lists with the platform paging and refuses unknown parameters', () => {
    expect(ListRequestsQuery.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(ListRequestsQuery.parse({ status: 'archived', limit: '200' })).toEqual({ status: 'archived', limit: 200, offset: 0 });
    expect(ListRequestsQuery.safeParse({ limit: '201' }).success).toBe(false);
    expect(ListRequestsQuery.safeParse({ status: 'lost' }).success).toBe(false);
    expect(ListRequestsQuery.safeParse({ sort: 'number' }).success).toBe(false);
  });

  it('takes eight-digit access codes, and the six digits of older requests', () => {
    for (const code of ['12345678', '123456']) expect(PublicLookupQuery.safeParse({ code }).success).toBe(true);
    for (const code of ['1234567', '123456789', '1234567a', '']) expect(PublicLookupQuery.safeParse({ code }).success).toBe(false);
  });
});
