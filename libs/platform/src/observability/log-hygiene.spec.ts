import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger, safeErrorText, serializeError } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('test', 'info', stream), lines };
}

describe('logs without personal data', () => {
  it('logs a failed query without its parameters, its SQL or the values PostgreSQL quotes', () => {
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "13812345678"'), {
      code: '22P02',
      detail: 'Key (phone)=(13812345678) already exists.',
    });
    const failed = new QueryFailedError('insert into requests (phone) values ($1)', ['13812345678', '32010219900101123X'], driverError);
    const { logger, lines } = capture();
    logger.error({ err: failed }, 'unhandled error');
    const line = lines.join('');
    expect(line).not.toContain('13812345678');
    expect(line).not.toContain('32010219900101123X');
    expect(line).not.toContain('insert into');
    expect(JSON.parse(line).err).toMatchObject({ type: 'QueryFailedError', code: '22P02', message: 'invalid input syntax for type uuid: "…"' });
  });

  it('cleans an error logged as its message, and masks personal data in any error text', () => {
    const { logger, lines } = capture();
    logger.warn({ err: 'duplicate key value violates unique constraint: Key (number)=(3201-20261202-000001)' }, 'x');
    expect(JSON.parse(lines[0] as string).err).toBe('duplicate key value violates unique constraint: Key (number)=(…)');
    expect(safeErrorText('call 13812345678 back')).not.toContain('13812345678');
    expect(serializeError(42)).toBe('42');
  });

  it('redacts personal-data keys wherever they are logged', () => {
    const { logger, lines } = capture();
    logger.info({ requester: { name: '张三', phone: '13812345678' }, authorization: 'Bearer x' }, 'x');
    expect(lines[0]).not.toContain('张三');
    expect(lines[0]).not.toContain('Bearer');
  });
});
