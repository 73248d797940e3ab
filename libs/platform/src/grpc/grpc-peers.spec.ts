import { baseConfigSchema, parseConfig } from '../config/config';
import { grantsTenant, parseServicePeers } from './grpc-peers';

describe('GRPC_SERVICE_PEERS', () => {
  it('grants each identity its tenants (or every tenant) and roles', () => {
    const { peers, problems } = parseServicePeers(' gateway-110=city-3201, city-3202:linkage-peer ; analytics=*:supervisor,reviewer;');
    expect(problems).toEqual([]);
    expect([...peers]).toEqual([
      ['gateway-110', { tenants: ['city-3201', 'city-3202'], roles: ['linkage-peer'] }],
      ['analytics', { tenants: '*', roles: ['supervisor', 'reviewer'] }],
    ]);
    const gateway = peers.get('gateway-110')!;
    expect(grantsTenant(gateway, 'city-3201')).toBe(true);
    expect(grantsTenant(gateway, 'city-3203')).toBe(false);
    expect(grantsTenant(peers.get('analytics')!, 'city-9999')).toBe(true);
    expect(parseServicePeers('').peers.size).toBe(0);
  });

  it.each([
    ['gateway-110=city-3201', /is not <identity>=<tenant>/],
    ['gateway-110=city-3201:', /is not <identity>=/],
    ['Gateway=city-3201:agent', /identity "Gateway"/],
    ['gw=city 3201:agent', /tenant "city 3201"/],
    ['gw=*,city-1:agent', /"\*" with other tenants/],
    ['gw=city-1:root', /role "root"/],
    ['gw=city-1:agent;gw=city-2:agent', /identity "gw" listed twice/],
  ])('refuses %s, naming what is wrong', (text, message) => {
    expect(parseServicePeers(text).problems.join('\n')).toMatch(message);
  });

  it('is part of the platform configuration, so a bad entry fails the start with the variable named', () => {
    const env = {
      HTTP_PORT: '0',
      GRPC_PORT: '0',
      DATABASE_URL: 'postgres://x@db/x',
      NATS_URL: 'nats://nats:4222',
      AUTH_LOCAL_SECRET: 'x'.repeat(32),
    };
    expect(parseConfig(baseConfigSchema, env).GRPC_SERVICE_PEERS.size).toBe(0);
    expect(() => parseConfig(baseConfigSchema, { ...env, GRPC_SERVICE_PEERS: 'gw=city-1' })).toThrow(/GRPC_SERVICE_PEERS: "gw=city-1" is not/);
  });
});
