import { z } from 'zod';
import { fieldErrors } from '@hotline/platform';
import { ListUnitsQuery, ListUnitsRequest, RegisterUnitBody, UpdateUnitBody } from './units.schemas';

const fieldsOf = (result: z.SafeParseReturnType<unknown, unknown>) => (result.success ? [] : fieldErrors(result.error).map((e) => e.field));

describe('units schemas', () => {
  const unit = { code: 'XUANWU-1', name: ' 玄武区 ', areaCodes: ['320102'] };

  it('registers a unit with administrative division codes, each area once in its first spelling', () => {
    expect(RegisterUnitBody.parse({ ...unit, areaCodes: ['320102', '320102000', '320102001', '320102'] })).toEqual({
      code: 'XUANWU-1',
      name: '玄武区',
      areaCodes: ['320102', '320102001'],
      level: 'department',
    });
    expect(RegisterUnitBody.parse({ ...unit, level: 'street' }).level).toBe('street');
    expect(fieldsOf(RegisterUnitBody.safeParse({ ...unit, level: 'village' }))).toEqual(['level']);
  });

  it('refuses area codes that are not 2, 4, 6, 9 or 12 digits, and unknown fields', () => {
    const result = RegisterUnitBody.safeParse({ ...unit, areaCodes: ['32', '3201', '440304-01', '32010', '320102001001', 'A1'], x: 1 });
    expect(fieldsOf(result)).toEqual(['areaCodes.2', 'areaCodes.3', 'areaCodes.5', '(body)']);
    expect(fieldsOf(RegisterUnitBody.safeParse({ ...unit, areaCodes: [] }))).toEqual(['areaCodes']);
    expect(fieldsOf(RegisterUnitBody.safeParse({ ...unit, code: 'has space' }))).toEqual(['code']);
  });

  it('lists by an optional area code, REST and gRPC alike', () => {
    expect(ListUnitsQuery.parse({})).toEqual({});
    expect(ListUnitsQuery.parse({ area: '320102001' })).toEqual({ area: '320102001' });
    expect(fieldsOf(ListUnitsQuery.safeParse({ area: '320102-01' }))).toEqual(['area']);
    expect(fieldsOf(ListUnitsQuery.safeParse({ areas: '32' }))).toEqual(['(body)']);
    expect(ListUnitsRequest.parse({ areaCode: '' })).toEqual({ areaCode: '' });
    expect(fieldsOf(ListUnitsRequest.safeParse({ areaCode: 'a b' }))).toEqual(['areaCode']);
  });

  it('deactivates and reactivates with a boolean, and never registers a deactivated unit', () => {
    expect(UpdateUnitBody.parse({ active: false })).toEqual({ active: false });
    expect(UpdateUnitBody.parse({ active: true, name: ' 玄武区 ' })).toEqual({ active: true, name: '玄武区' });
    expect(fieldsOf(UpdateUnitBody.safeParse({ active: 'no' }))).toEqual(['active']);
    expect(fieldsOf(RegisterUnitBody.safeParse({ ...unit, active: false }))).toEqual(['(body)']);
  });
});
