import { requesterIssues, toRequester } from './requester';

describe('requester identity', () => {
  it('takes an anonymous requester with no identity at all, whatever confidential says', () => {
    expect(requesterIssues({ anonymous: true })).toEqual([]);
    expect(requesterIssues({ anonymous: true, confidential: true })).toEqual([]);
    expect(toRequester({ anonymous: true, confidential: true })).toEqual({ anonymous: true });
  });

  it('refuses identity given for an anonymous requester, naming each field', () => {
    expect(requesterIssues({ anonymous: true, name: '张三', phone: '13812345678', address: 'x' }).map((i) => i.field)).toEqual([
      'name',
      'phone',
      'address',
    ]);
    expect(requesterIssues({ anonymous: true, idNumber: '32010219900101123X' }).map((i) => i.field)).toEqual(['idNumber']);
  });

  it('needs a name and a phone from a named requester', () => {
    expect(requesterIssues({}).map((i) => i.field)).toEqual(['name', 'phone']);
    expect(requesterIssues({ anonymous: false, name: '张三' }).map((i) => i.field)).toEqual(['phone']);
    expect(requesterIssues({ name: '张三', phone: '13812345678' })).toEqual([]);
  });

  it('keeps what a named requester gave, confidential only when asked', () => {
    expect(toRequester({ name: '张三', phone: '13812345678' })).toEqual({
      anonymous: false,
      name: '张三',
      phone: '13812345678',
      confidential: false,
    });
    expect(toRequester({ name: '张三', phone: '1', address: '南京', confidential: true })).toEqual({
      anonymous: false,
      name: '张三',
      phone: '1',
      address: '南京',
      confidential: true,
    });
  });
});
