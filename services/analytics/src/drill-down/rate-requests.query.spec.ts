import { bind } from './rate-requests.query';

describe('named parameters of the drill-down queries', () => {
  it('numbers each name once, in order of first use, and leaves casts alone', () => {
    expect(bind(`select :a::date, :b, :a::text, x::int, '2025-03-03' from t where y = :b`, { a: 1, b: 'two', c: 3 })).toEqual([
      `select $1::date, $2, $1::text, x::int, '2025-03-03' from t where y = $2`,
      [1, 'two'],
    ]);
  });

  it('refuses a name without a value rather than sending a null', () => {
    expect(() => bind('select :missing', {})).toThrow('no value for :missing');
  });
});
