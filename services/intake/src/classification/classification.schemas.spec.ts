import { fieldErrors } from '@hotline/platform';
import { QualityQuery, qualityWindow } from './classification.schemas';

const fieldsOf = (query: unknown) => {
  const result = QualityQuery.safeParse(query);
  return result.success ? [] : fieldErrors(result.error).map((e) => e.field);
};

describe('classification quality query', () => {
  it('takes days and instants, and refuses an impossible date naming its field', () => {
    expect(qualityWindow(QualityQuery.parse({ from: '2025-02-01', to: '2025-03-01' }))).toEqual({ from: new Date('2025-02-01T00:00:00Z'), to: new Date('2025-03-01T00:00:00Z') });
    expect(fieldsOf({ from: '2025-02-30' })).toEqual(['from']);
    expect(fieldsOf({ to: '2025-01-32' })).toEqual(['to']);
    expect(fieldsOf({ to: '2025-13-01' })).toEqual(['to']);
    expect(fieldsOf({ to: '2025-02-28T10:00:00+08:00' })).toEqual([]);
  });
});
