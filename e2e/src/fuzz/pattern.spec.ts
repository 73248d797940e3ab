import { samplePattern } from './pattern';
import { Rng } from './random';

// The patterns the services' documents carry.
const PATTERNS = [
  '^(?:\\*|[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{3}(?:[0-9]{3})?)?)?)?)$',
  '^[0-9+-]{5,20}$',
  '^[0-9A-Za-z][0-9A-Za-z-]{0,39}$',
  '^[0-9]{15}([0-9]{2}[0-9Xx])?$',
  '^[0-9]{6}$',
  '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$',
  '^[a-z0-9-]{1,120}$',
  '^\\d{4}-\\d{2}-\\d{2}$',
  '^(a|bc)+x*$',
];

describe('samplePattern', () => {
  it.each(PATTERNS)('draws strings matching %s', (pattern) => {
    const rng = new Rng(pattern);
    for (let i = 0; i < 50; i++) expect(samplePattern(pattern, rng)).toMatch(new RegExp(pattern));
  });

  it('draws the same strings from the same seed', () => {
    expect(samplePattern('^[a-z]{3,9}$', new Rng('a'))).toBe(samplePattern('^[a-z]{3,9}$', new Rng('a')));
  });

  it('refuses a negated class rather than guess', () => {
    expect(() => samplePattern('^[^a]$', new Rng('n'))).toThrow(/negated/);
  });
});
