import {
  byChannelRuleKey,
  bySamplingKey,
  channelKindLabelled,
  channelKindOf,
  CHANNEL_RULE_KEYS,
  DEFAULT_REVISIT_RULE,
  isChannelRuleKey,
  isSampled,
  isSamplingKey,
  KeyedRevisitRule,
  methodRefusal,
  normalisedMethods,
  requestTypeLabelled,
  revisitDecision,
  ruleFor,
  SAMPLING_KEYS,
  sampleBucket,
} from './sampling';

describe('sampling policy keys', () => {
  it('are the default rule and the request-type codes, not their labels', () => {
    expect(SAMPLING_KEYS).toEqual(['*', 'consultation', 'help', 'complaint', 'report', 'suggestion', 'praise', 'other']);
    expect(isSamplingKey('complaint')).toBe(true);
    expect(isSamplingKey('*')).toBe(true);
    for (const bad of ['投诉', 'Complaint', '', 3, undefined]) expect(isSamplingKey(bad)).toBe(false);
  });

  it('sort with the default rule first, then in the vocabulary order', () => {
    expect((['other', 'complaint', '*', 'consultation'] as const).slice().sort(bySamplingKey)).toEqual(['*', 'consultation', 'complaint', 'other']);
  });

  it('name the code behind a Chinese label', () => {
    expect(requestTypeLabelled('投诉')).toBe('complaint');
    expect(requestTypeLabelled('其他')).toBe('other');
    expect(requestTypeLabelled('其它')).toBeUndefined();
  });

  it('take a type’s own rule, else the tenant’s * rule, else the default (everything, 72 h, 3 attempts, any method, anonymous skipped)', () => {
    const rule = (requestType: '*' | 'consultation', samplePercent: number) => ({
      requestType, samplePercent, windowHours: 24, maxAttempts: 2, defaultEvaluation: null, methods: ['phone' as const], anonymous: 'skip' as const,
    });
    const policies = [rule('*', 100), rule('consultation', 30)];
    expect(ruleFor(policies, 'consultation').samplePercent).toBe(30);
    expect(ruleFor(policies, 'complaint').samplePercent).toBe(100);
    expect(ruleFor([], 'complaint')).toEqual(DEFAULT_REVISIT_RULE);
    expect(DEFAULT_REVISIT_RULE).toEqual({
      samplePercent: 100, windowHours: 72, maxAttempts: 3, defaultEvaluation: null, methods: ['phone', 'sms', 'online'], anonymous: 'skip',
    });
  });
});

describe('sampling rules by request type and channel kind', () => {
  const rule = (requestType: KeyedRevisitRule['requestType'], channelKind: KeyedRevisitRule['channelKind'], samplePercent: number): KeyedRevisitRule => ({
    requestType, channelKind, samplePercent, windowHours: 24, maxAttempts: 2, defaultEvaluation: null, methods: ['phone'], anonymous: 'skip',
  });

  it('key channels by the vocabulary’s kinds or *, and name the kind behind a Chinese label', () => {
    expect(CHANNEL_RULE_KEYS).toEqual(['*', 'phone', 'web', 'mobile-app', 'wechat', 'sms', 'email', 'linkage']);
    expect(isChannelRuleKey('web')).toBe(true);
    for (const bad of ['网站', 'Web', 'gov-web', '', 1]) expect(isChannelRuleKey(bad)).toBe(false);
    expect((['sms', '*', 'phone'] as const).slice().sort(byChannelRuleKey)).toEqual(['*', 'phone', 'sms']);
    expect(channelKindLabelled('网站')).toBe('web');
    expect(channelKindLabelled('网页')).toBeUndefined();
  });

  it('know a request’s channel kind from intake’s configuration, else from a code that spells a kind', () => {
    expect(channelKindOf('gov-portal', 'web')).toBe('web');
    expect(channelKindOf('phone', 'wechat')).toBe('wechat');
    expect(channelKindOf('web', null)).toBe('web');
    expect(channelKindOf('gov-portal', null)).toBeNull();
    expect(channelKindOf('', undefined)).toBeNull();
  });

  it('apply the most specific rule whole: type and channel, then type, then channel, then *', () => {
    const all = [rule('*', '*', 10), rule('*', 'web', 20), rule('consultation', '*', 30), rule('consultation', 'web', 40)];
    expect(ruleFor(all, 'consultation', 'web').samplePercent).toBe(40);
    expect(ruleFor(all, 'consultation', 'phone').samplePercent).toBe(30);
    expect(ruleFor(all, 'consultation', null).samplePercent).toBe(30);
    expect(ruleFor(all, 'complaint', 'web').samplePercent).toBe(20);
    expect(ruleFor(all, 'complaint', 'phone').samplePercent).toBe(10);
    expect(ruleFor(all, 'complaint', null).samplePercent).toBe(10);
    expect(ruleFor(all.slice(1), 'complaint', 'phone')).toEqual(DEFAULT_REVISIT_RULE);
    // A rule stored before channels (no channelKind) is a rule for every channel.
    const { channelKind: _, ...legacy } = rule('complaint', '*', 50);
    expect(ruleFor([legacy], 'complaint', 'web').samplePercent).toBe(50);
    // Whole: the channel rule's fields, not the type rule's.
    const typed = { ...rule('help', '*', 100), maxAttempts: 5, methods: ['phone', 'sms'] as KeyedRevisitRule['methods'] };
    const web = { ...rule('help', 'web', 30), methods: ['online'] as KeyedRevisitRule['methods'], anonymous: 'hotline-check' as const };
    expect(ruleFor([typed, web], 'help', 'web')).toEqual({ samplePercent: 30, windowHours: 24, maxAttempts: 2, defaultEvaluation: null, methods: ['online'], anonymous: 'hotline-check' });
  });

  it('keep methods once each in the vocabulary’s order, and refuse a method the rule does not use, naming those it does', () => {
    expect(normalisedMethods(['online', 'phone', 'online'])).toEqual(['phone', 'online']);
    expect(methodRefusal({ methods: ['phone', 'online'] }, 'phone')).toBeUndefined();
    expect(methodRefusal({ methods: ['phone', 'online'] }, 'sms')).toBe("sms is not a revisit method of this request's rule: use phone (电话回访), online (网上评价)");
  });
});

describe('the revisit decision', () => {
  const skip = { anonymous: 'skip' as const };
  const check = { anonymous: 'hotline-check' as const };
  it('skips an anonymous request under a skip rule, drawn or not, as before', () => {
    expect(revisitDecision({ anonymous: true, rule: skip, redo: false, sampled: true })).toEqual({ revisit: false, skipReason: 'anonymous-requester' });
    expect(revisitDecision({ anonymous: true, rule: skip, redo: true, sampled: false })).toEqual({ revisit: false, skipReason: 'anonymous-requester' });
  });
  it('has the hotline check a drawn anonymous request under a hotline-check rule, and skips an undrawn one', () => {
    expect(revisitDecision({ anonymous: true, rule: check, redo: false, sampled: true })).toEqual({ revisit: true, hotlineCheck: true });
    expect(revisitDecision({ anonymous: true, rule: check, redo: false, sampled: false })).toEqual({ revisit: false, skipReason: 'not-sampled' });
    expect(revisitDecision({ anonymous: true, rule: check, redo: true, sampled: false })).toEqual({ revisit: true, hotlineCheck: true });
  });
  it('revisits a named requester when drawn or back from 重办', () => {
    expect(revisitDecision({ anonymous: false, rule: check, redo: false, sampled: true })).toEqual({ revisit: true, hotlineCheck: false });
    expect(revisitDecision({ anonymous: false, rule: skip, redo: true, sampled: false })).toEqual({ revisit: true, hotlineCheck: false });
    expect(revisitDecision({ anonymous: false, rule: skip, redo: false, sampled: false })).toEqual({ revisit: false, skipReason: 'not-sampled' });
  });
});

describe('sampling draw (deterministic hashing of tenant and request id)', () => {
  it('draws the same request the same way every time, and everything at 100 %, nothing at 0 %', () => {
    const id = '019ade00-0000-7000-8000-000000000001';
    expect(sampleBucket('city-a', id)).toBe(sampleBucket('city-a', id));
    expect(isSampled(100, 'city-a', id)).toBe(true);
    expect(isSampled(0, 'city-a', id)).toBe(false);
  });

  // The ids are fixed, so the draw is too: the test never flakes, and a change to the hashing
  // that skews it fails here.
  it('draws a 30 % share of 400 request ids within 7 points (3 binomial standard deviations: 3 × √(0.3 × 0.7 / 400) ≈ 6.9 %)', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `019ade00-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const share = ids.filter((id) => isSampled(30, 'city-3201', id)).length / ids.length;
    expect(Math.abs(share - 0.3)).toBeLessThanOrEqual(0.07);
  });
});
