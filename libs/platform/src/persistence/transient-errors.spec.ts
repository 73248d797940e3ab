import { isTransientError } from './transient-errors';

const pg = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('isTransientError', () => {
  it('recognises unavailable databases and brokers, also wrapped by TypeORM', () => {
    for (const e of [
      pg('57P01'), pg('57P03'), pg('08006'), pg('53300'), pg('40001'), pg('40P01'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('database "hotline_dispatch" is not currently accepting connections'), { code: '55000' }),
      Object.assign(new Error('Query failed'), { driverError: pg('57P01') }),
      Object.assign(new Error('outer'), { cause: new Error('Connection terminated') }),
    ])
      expect(isTransientError(e)).toBe(true);
  });

  it('treats rule violations and bugs as deterministic', () => {
    for (const e of [pg('23505'), pg('23514'), pg('22P02'), pg('42P01'), pg('XX000'), new TypeError('x is undefined'), new Error('RequestAccepted carries no request id'), undefined, 'text'])
      expect(isTransientError(e)).toBe(false);
  });
});
