import { ProblemError, validate } from '@hotline/platform';
import { GrpcTalliesRequest, TalliesQuery } from './tallies.schemas';

const fieldsOf = (schema: Parameters<typeof validate>[0], input: unknown, prefix = '') => {
  try {
    validate(schema, input, prefix);
  } catch (err) {
    return (err as ProblemError).errors?.map((e) => e.field).sort();
  }
  return [];
};

describe('tally query schemas', () => {
  it('takes inclusive days and a page', () => {
    expect(validate(TalliesQuery, {})).toEqual({ limit: 50, offset: 0 });
    expect(validate(TalliesQuery, { from: '2025-03-03', limit: '10' })).toEqual({ from: '2025-03-03', limit: 10, offset: 0 });
    expect(fieldsOf(TalliesQuery, { from: 'yesterday', offset: '-1' }, 'query')).toEqual(['query.from', 'query.offset']);
    expect(fieldsOf(TalliesQuery, { from: '2025-03-04', to: '2025-03-03' }, 'query')).toEqual(['query.to']);
  });

  it('reads the gRPC request\'s days, empty meaning unbounded, and names its fields', () => {
    expect(validate(GrpcTalliesRequest, { fromDay: '', toDay: '2025-03-03' })).toEqual({ from: undefined, to: '2025-03-03' });
    expect(fieldsOf(GrpcTalliesRequest, { fromDay: '2025-02-30', toDay: 'x' })).toEqual(['fromDay', 'toDay']);
    expect(fieldsOf(GrpcTalliesRequest, { fromDay: '2025-03-04', toDay: '2025-03-03' })).toEqual(['toDay']);
  });
});
