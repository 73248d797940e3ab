import { fieldErrors } from '@hotline/platform';
import { ClearReadQuery, ListPiiAccessQuery } from './pii-access.schemas';

const fieldsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  result.success || !result.error ? [] : fieldErrors(result.error).map((e) => e.field);

describe('access log schemas', () => {
  it('requires a purpose of the vocabulary for a clear read, and takes a short note', () => {
    expect(ClearReadQuery.parse({ purpose: 'contact-requester', note: ' 回电核实 ' })).toEqual({ purpose: 'contact-requester', note: '回电核实' });
    expect(fieldsOf(ClearReadQuery.safeParse({}))).toEqual(['purpose']);
    expect(fieldsOf(ClearReadQuery.safeParse({ purpose: 'curiosity' }))).toEqual(['purpose']);
    expect(fieldsOf(ClearReadQuery.safeParse({ purpose: 'supervision', note: 'x'.repeat(201) }))).toEqual(['note']);
    expect(fieldsOf(ClearReadQuery.safeParse({ purpose: 'supervision', why: 'x' }))).toEqual(['(body)']);
  });

  it('filters the log by request, reader, purpose (unstated included) and time, with the platform paging', () => {
    expect(ListPiiAccessQuery.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(ListPiiAccessQuery.parse({ purpose: 'unstated', from: '2025-01-01T00:00:00+08:00', limit: '10' })).toMatchObject({ purpose: 'unstated', limit: 10 });
    expect(fieldsOf(ListPiiAccessQuery.safeParse({ requestId: 'r1', purpose: 'curiosity', from: 'yesterday' }))).toEqual(['requestId', 'purpose', 'from']);
    expect(fieldsOf(ListPiiAccessQuery.safeParse({ from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }))).toEqual(['to']);
  });
});
