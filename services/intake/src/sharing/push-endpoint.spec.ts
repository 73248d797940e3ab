import { endpointRefusal, isLoopbackHost, newFeedSecret } from './push-endpoint';

describe("a push feed's endpoint", () => {
  it('takes https anywhere, and http only to this machine in local mode', () => {
    expect(endpointRefusal('https://data.env.gov.cn/hotline/feed', false)).toBeUndefined();
    expect(endpointRefusal('http://127.0.0.1:8080/feed', true)).toBeUndefined();
    expect(endpointRefusal('http://[::1]:8080/feed', true)).toBeUndefined();
    expect(endpointRefusal('http://localhost/feed', true)).toBeUndefined();
    expect(endpointRefusal('http://127.0.0.1:8080/feed', false)).toBe('must be https');
    expect(endpointRefusal('http://10.0.0.5/feed', true)).toMatch(/^must be https/);
    expect(endpointRefusal('http://127.0.0.1.example.com/feed', true)).toMatch(/^must be https/);
    expect(endpointRefusal('ftp://data.env.gov.cn/feed', true)).toBe('must be an absolute https URL');
    expect(endpointRefusal('/feed', true)).toBe('must be an absolute https URL');
    expect(endpointRefusal('https://user:pw@data.env.gov.cn/feed', false)).toMatch(/credentials/);
    expect(endpointRefusal('https://data.env.gov.cn/feed#x', false)).toMatch(/fragment/);
  });

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', '128.0.0.1', 'example.com', '[::2]'].some(isLoopbackHost)).toBe(false);
  });

  it('makes a fresh secret each time', () => {
    const a = newFeedSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newFeedSecret()).not.toBe(a);
  });
});
