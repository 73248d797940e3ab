import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  it('verifies its own signature and refuses another secret, body or a malformed header', () => {
    const header = signWebhook('secret-one-0123456', '{"a":1}', new Date('2025-06-11T00:00:00Z'));
    expect(header).toMatch(/^t=1749600000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('secret-one-0123456', '{"a":1}', header)).toBe(true);
    expect(verifyWebhook('secret-two-0123456', '{"a":1}', header)).toBe(false);
    expect(verifyWebhook('secret-one-0123456', '{"a":2}', header)).toBe(false);
    expect(verifyWebhook('secret-one-0123456', '{"a":1}', 'v1=zz')).toBe(false);
  });
});
