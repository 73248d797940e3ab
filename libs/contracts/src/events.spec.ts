import { durableConsumer, eventFilter, Events, EventsByType, eventSubject, PRODUCERS, streamOf } from './events';

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

  it('names one stream per producer and durable consumers by consumer, producer and purpose', () => {
    expect(PRODUCERS).toEqual(['intake', 'dispatch', 'handling', 'revisit', 'analytics']);
    expect(streamOf('', 'handling')).toEqual({ name: 'HL_HANDLING_V1', subjects: ['hl.handling.v1.>'] });
    expect(streamOf('t9-x', 'intake')).toEqual({ name: 'T9_X_HL_INTAKE_V1', subjects: ['t9-x.hl.intake.v1.>'] });
    expect(durableConsumer('', 'dispatch', 'intake', 'request-accepted', Events.intake.requestAccepted)).toEqual({
      durable: 'dispatch--hl-intake-v1--request-accepted',
      consumer: 'dispatch',
      producer: 'intake',
      filterSubject: 'hl.intake.v1.*.request.accepted',
    });
    expect(durableConsumer('', 'analytics', 'revisit', 'all').filterSubject).toBeUndefined();
    expect(() => durableConsumer('', 'analytics', 'revisit', 'All of it')).toThrow(/purpose/);
  });

  it('registers every event by its protobuf type, and the codecs round-trip', () => {
    expect(EventsByType.size).toBe(Object.values(Events).reduce((n, group) => n + Object.keys(group).length, 0));
    // An event's protobuf package is its producer's; intake's 110 gateway announces its own
    // (hotline.linkage.v1) on intake's stream.
    const packagesOf = (producer: string) => (producer === 'intake' ? ['intake', 'linkage'] : [producer]);
    for (const def of EventsByType.values()) expect(packagesOf(def.producer).some((p) => def.type.startsWith(`hotline.${p}.v1.`))).toBe(true);
    const def = EventsByType.get('hotline.dispatch.v1.UnitRegistered')!;
    const payload = { unit: { id: 'u1', code: 'housing', name: '住建局', parentId: '', areaCodes: ['320102'], createdAt: '2025-01-01T00:00:00Z' } };
    expect(def.codec.decode(def.codec.encode(payload).finish())).toEqual(payload);
  });
});
