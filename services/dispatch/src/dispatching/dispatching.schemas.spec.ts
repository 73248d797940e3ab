import { z } from 'zod';
import { fieldErrors } from '@hotline/platform';
import { AssignBody, ListQueueQuery, RequestIdParams } from './dispatching.schemas';

const UNIT = '0190a0a0-0000-7000-8000-000000000001';
const OTHER = '0190a0a0-0000-7000-8000-000000000002';
const fieldsOf = (result: z.SafeParseReturnType<unknown, unknown>) => (result.success ? [] : fieldErrors(result.error).map((e) => e.field));

describe('dispatching schemas', () => {
  it('assigns one primary and distinct assisting units', () => {
    expect(AssignBody.parse({ primaryUnitId: UNIT })).toEqual({ primaryUnitId: UNIT, assistingUnitIds: [] });
    expect(fieldsOf(AssignBody.safeParse({ primaryUnitId: UNIT, assistingUnitIds: [OTHER, UNIT, OTHER] }))).toEqual([
      'assistingUnitIds.1',
      'assistingUnitIds.2',
    ]);
    expect(fieldsOf(AssignBody.safeParse({ primaryUnitId: 'x', extra: 1 }))).toEqual(['primaryUnitId', '(body)']);
    const eleven = Array.from({ length: 11 }, (_, i) => `0190a0a0-0000-7000-8000-0000000001${i.toString(16).padStart(2, '0')}`);
    expect(fieldsOf(AssignBody.safeParse({ primaryUnitId: UNIT, assistingUnitIds: eleven }))).toEqual(['assistingUnitIds']);
  });

  it("pages the queue with the platform's paging shape", () => {
    expect(ListQueueQuery.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(ListQueueQuery.parse({ limit: '10', offset: '20' })).toEqual({ limit: 10, offset: 20 });
    expect(fieldsOf(ListQueueQuery.safeParse({ limit: '201', offset: '-1' }))).toEqual(['limit', 'offset']);
  });

  it('takes a request id from the path', () => {
    expect(RequestIdParams.safeParse({ requestId: 'not-a-uuid' }).success).toBe(false);
  });
});
