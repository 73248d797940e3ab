import { statementKind } from './metrics';

describe('statementKind', () => {
  it('counts a statement under its first keyword, folded into a few kinds', () => {
    expect(statementKind('SELECT 1')).toBe('select');
    expect(statementKind('  with x as (select 1) select * from x')).toBe('select');
    expect(statementKind('\n insert into inbox values ($1)')).toBe('insert');
    expect(statementKind('UPDATE requests set status = $2')).toBe('update');
    expect(statementKind('delete from timers')).toBe('delete');
    expect(statementKind('START TRANSACTION')).toBe('transaction');
    expect(statementKind('COMMIT')).toBe('transaction');
    expect(statementKind('SAVEPOINT typeorm_1')).toBe('transaction');
    expect(statementKind("select set_config('app.tenant', $1, true)")).toBe('select');
    expect(statementKind('LISTEN outbox')).toBe('other');
    expect(statementKind('')).toBe('other');
  });
});
