import { consumersOf, eventFilter, Events, EventsByType, eventSubject, streamOf } from './events';

describe('event contracts', () => {
  it('builds subjects hl.<service>.v1.<tenant>.<entity>.<action>, optionally namespaced', () => {
    expect(eventSubject('', Events.intake.channelConfigured, 'city-3201')).toBe('hl.intake.v1.city-3201.channel.configured');
    expect(eventSubject('t1-ab', Events.revisit.samplingPolicyChanged, 'city-1')).toBe(
      't1-ab.hl.revisit.v1.city-1.sampling-policy.changed',
    );
    expect(eventFilter('', Events.dispatch.unitRegistered)).toBe('hl.dispatch.v1.*.unit.registered');
  });

  it('refuses tenant codes and namespaces that would break subject matching', () => {
    for (const bad of ['', 'city.1', 'city*', 'City', 'a b', 'a>'])
      expect(() => eventSubject('', Events.intake.channelConfigured, bad)).toThrow(/invalid tenant/);
    expect(() => streamOf('bad.ns', 'intake')).toThrow(/invalid event namespace/);
  });

  it('names one stream per producer and the durable consumers analytics owns', () => {
    expect(streamOf('', 'handling')).toEqual({ name: 'HL_HANDLING_V1', subjects: ['hl.handling.v1.>'] });
    expect(streamOf('t9-x', 'intake')).toEqual({ name: 'T9_X_HL_INTAKE_V1', subjects: ['t9-x.hl.intake.v1.>'] });
    expect(consumersOf('', 'analytics').map((c) => c.durable)).toEqual([
      'analytics--hl-intake-v1--all',
      'analytics--hl-dispatch-v1--all',
      'analytics--hl-handling-v1--all',
      'analytics--hl-revisit-v1--all',
    ]);
  });

  it('registers every event by its protobuf type, and the codecs round-trip', () => {
    expect(EventsByType.size).toBe(17);
    const def = EventsByType.get('hotline.dispatch.v1.UnitRegistered')!;
    const payload = { unit: { id: 'u1', code: 'housing', name: '住建局', parentId: '', areaCodes: ['320102'], createdAt: '2025-01-01T00:00:00Z' } };
    expect(def.codec.decode(def.codec.encode(payload).finish())).toEqual(payload);
  });
});
