import { z } from 'zod';
import { linkageConfigShape, LinkagePeers } from './linkage-config';
import { PeerRateLimiter } from './rate-limiter';

const schema = z.object(linkageConfigShape);
const FP = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join(':');
const peer = (over: Record<string, unknown> = {}) => ({ name: 'police-110-a', tenant: 'city-a', counterpart: '110', fingerprint: FP, address: '10.0.0.1:9443', ...over });

describe('LINKAGE_PEERS', () => {
  it('reads pinned peers, one tenant each, fingerprints upper-cased as node:tls reports them', () => {
    const config = schema.parse({ LINKAGE_PEERS: JSON.stringify([peer()]) });
    const peers = new LinkagePeers(config.LINKAGE_PEERS);
    expect(peers.withFingerprint(FP.toLowerCase())).toMatchObject({ tenant: 'city-a', ratePerSecond: 20, fingerprint: FP.toUpperCase() });
    expect(peers.of('city-a', '110')?.name).toBe('police-110-a');
    expect(peers.of('city-b', '110')).toBeUndefined();
    expect(peers.withFingerprint(undefined)).toBeUndefined();
  });

  it('refuses a certificate pinned for two tenants, a bad fingerprint and what is not JSON, naming the problem', () => {
    const problems = (text: string) => {
      const result = schema.safeParse({ LINKAGE_PEERS: text });
      return result.success ? [] : result.error.issues.map((i) => i.message);
    };
    expect(problems(JSON.stringify([peer(), peer({ name: 'police-110-b', tenant: 'city-b' })]))).toEqual([`fingerprint ${FP.toUpperCase()} is listed twice`]);
    expect(problems(JSON.stringify([peer({ fingerprint: 'AB:CD' })]))[0]).toMatch(/^0\.fingerprint: SHA-256 fingerprint/);
    expect(problems('not json')).toEqual(['must be a JSON array of peers']);
  });
});

describe('PeerRateLimiter', () => {
  it('lets a peer burst up to its rate, then refills at that rate per second, each peer on its own', () => {
    let now = 0;
    const limiter = new PeerRateLimiter(() => now);
    const taken = (peer: string, n: number) => Array.from({ length: n }, () => limiter.take(peer, 3)).filter(Boolean).length;
    expect(taken('a', 5)).toBe(3);
    expect(taken('b', 1)).toBe(1);
    now = 1000 / 3;
    expect(taken('a', 2)).toBe(1);
    now = 10_000;
    expect(taken('a', 5)).toBe(3);
  });
});
