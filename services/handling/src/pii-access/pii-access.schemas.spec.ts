import type { ZodError } from 'zod';
import { fieldErrors } from '@hotline/platform';
import { PII_ACCESS_PURPOSES } from '@hotline/vocabulary';
import { ACCESS_PURPOSES_1764300003100 } from '../persistence/1764300003100-personal-data-in-work-orders.migration';
import { ClearReadQuery, PiiAccessLogQuery } from './pii-access.schemas';

const fields = (result: { error?: ZodError }) => (result.error ? fieldErrors(result.error, 'query').map((e) => e.field) : []);

describe('clear reads and their log', () => {
  it('needs a purpose from the vocabulary for a clear read', () => {
    expect(ClearReadQuery.parse({ purpose: 'contact-requester' })).toEqual({ purpose: 'contact-requester' });
    expect(fields(ClearReadQuery.safeParse({}))).toEqual(['query.purpose']);
    expect(fields(ClearReadQuery.safeParse({ purpose: 'curiosity', extra: '1' }))).toEqual(['query.purpose', 'query']);
    expect(ClearReadQuery.safeParse({ purpose: 'x' }).error?.issues[0]?.message).toContain('legal-request');
  });

  it('pages the log with the platform defaults and names bad filters', () => {
    expect(PiiAccessLogQuery.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(PiiAccessLogQuery.parse({ from: '2026-12-01T00:00:00+08:00', purpose: 'supervision' })).toEqual({
      limit: 50, offset: 0, purpose: 'supervision', from: new Date('2026-11-30T16:00:00Z'),
    });
    expect(fields(PiiAccessLogQuery.safeParse({ workOrderId: 'x', to: 'yesterday', limit: '0', sort: 'asc' }))).toEqual([
      'query.limit', 'query.workOrderId', 'query.to', 'query',
    ]);
  });

  it("keeps the log's database check in step with the vocabulary (a new purpose needs a migration of the check)", () => {
    expect([...ACCESS_PURPOSES_1764300003100]).toEqual([...PII_ACCESS_PURPOSES]);
  });
});
