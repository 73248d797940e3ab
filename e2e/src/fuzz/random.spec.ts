import { Rng } from './random';

describe('Rng', () => {
  const draws = (rng: Rng) => Array.from({ length: 5 }, () => rng.next());

  it('draws the same sequence from the same seed, another from another seed', () => {
    expect(draws(new Rng('s1'))).toEqual(draws(new Rng('s1')));
    expect(draws(new Rng('s1'))).not.toEqual(draws(new Rng('s2')));
  });

  it('forks streams that do not depend on how much the parent drew', () => {
    const a = new Rng('seed');
    const b = new Rng('seed');
    draws(b);
    expect(draws(a.fork('intake POST /v1/requests'))).toEqual(draws(b.fork('intake POST /v1/requests')));
    expect(draws(a.fork('x'))).not.toEqual(draws(a.fork('y')));
  });

  it('draws integers in range, version 4 UUIDs and words that start with a letter', () => {
    const rng = new Rng('r');
    for (let i = 0; i < 200; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rng.word(8)).toMatch(/^[a-z][a-z0-9]{7}$/);
    expect(rng.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
  });
});
