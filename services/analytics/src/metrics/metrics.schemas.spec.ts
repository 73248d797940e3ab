import { ProblemError, validate } from '@hotline/platform';
import { RatesQuery, StatusesQuery } from './metrics.schemas';

const fieldsOf = (schema: Parameters<typeof validate>[0], input: unknown) => {
  try {
    validate(schema, input, 'query');
  } catch (err) {
    return (err as ProblemError).errors?.map((e) => e.field).sort();
  }
  return [];
};

describe('metrics query schemas', () => {
  it('takes a grouping, inclusive days and the platform page, with its defaults', () => {
    expect(validate(RatesQuery, { groupBy: 'unit' })).toEqual({ groupBy: 'unit', limit: 50, offset: 0 });
    expect(validate(RatesQuery, { groupBy: 'day', from: '2025-03-03', to: '2025-03-03', limit: '200', offset: '10' })).toEqual({
      groupBy: 'day', from: '2025-03-03', to: '2025-03-03', limit: 200, offset: 10,
    });
  });

  it('names every bad field: unknown grouping, a day that is not a date, a page too large, unknown parameters', () => {
    expect(fieldsOf(RatesQuery, { groupBy: 'year', from: '2025-02-30', limit: '500', extra: '1' })).toEqual(['query', 'query.from', 'query.groupBy', 'query.limit']);
    for (const groupBy of ['unit', 'category', 'area', 'day', 'week', 'month']) expect(fieldsOf(RatesQuery, { groupBy })).toEqual([]);
    expect(fieldsOf(RatesQuery, {})).toEqual(['query.groupBy']);
    expect(fieldsOf(StatusesQuery, { to: '03-03' })).toEqual(['query.to']);
  });

  it('refuses a range that ends before it starts, naming `to`', () => {
    expect(fieldsOf(StatusesQuery, { from: '2025-03-04', to: '2025-03-03' })).toEqual(['query.to']);
    expect(fieldsOf(RatesQuery, { groupBy: 'unit', from: '2025-03-04', to: '2025-03-03' })).toEqual(['query.to']);
    expect(validate(StatusesQuery, { from: '2025-03-03', to: '2025-03-03' })).toEqual({ from: '2025-03-03', to: '2025-03-03' });
  });
});
