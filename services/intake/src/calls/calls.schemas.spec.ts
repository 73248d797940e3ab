import { fieldErrors } from '@hotline/platform';
import { CALL_OUTCOME_LABELS, CALL_OUTCOMES, CALLBACK_RESULT_LABELS, CALLBACK_RESULTS, CALLBACK_STATE_LABELS, CALLBACK_STATES } from '@hotline/vocabulary';
import { CALL_OUTCOMES_1764300005550, CALLBACK_RESULTS_1764300005550, CALLBACK_STATES_1764300005550 } from '../persistence/1764300005550-call-records.migration';
import { CallRatesQuery, CallRecordBody, MarkOutcomeBody } from './calls.schemas';

const fieldsOf = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : fieldErrors(r.error as never).map((e) => e.field);
};

describe('call schemas and vocabulary', () => {
  const answered = {
    callId: 'c-1',
    callerNumber: '13800001111',
    queue: 'general',
    offeredAt: '2026-03-02T09:00:00+08:00',
    answeredAt: '2026-03-02T09:00:12+08:00',
    endedAt: '2026-03-02T09:03:00+08:00',
    outcome: 'answered',
  };

  it('labels every code in zh and en, and the migration checks the same codes', () => {
    expect(Object.keys(CALL_OUTCOME_LABELS)).toEqual([...CALL_OUTCOMES]);
    expect(Object.keys(CALLBACK_STATE_LABELS)).toEqual([...CALLBACK_STATES]);
    expect(Object.keys(CALLBACK_RESULT_LABELS)).toEqual([...CALLBACK_RESULTS]);
    expect([...CALL_OUTCOMES_1764300005550]).toEqual([...CALL_OUTCOMES]);
    expect([...CALLBACK_STATES_1764300005550]).toEqual([...CALLBACK_STATES]);
    expect([...CALLBACK_RESULTS_1764300005550]).toEqual([...CALLBACK_RESULTS]);
  });

  it('names the field that breaks a call record', () => {
    expect(fieldsOf(CallRecordBody, answered)).toEqual([]);
    expect(fieldsOf(CallRecordBody, { ...answered, answeredAt: undefined })).toEqual(['answeredAt']);
    expect(fieldsOf(CallRecordBody, { ...answered, outcome: 'abandoned' })).toEqual(['answeredAt']);
    expect(fieldsOf(CallRecordBody, { ...answered, answeredAt: '2026-03-02T08:59:59+08:00' })).toEqual(['answeredAt']);
    expect(fieldsOf(CallRecordBody, { ...answered, endedAt: '2026-03-02T09:00:05+08:00' })).toEqual(['endedAt']);
    expect(fieldsOf(CallRecordBody, { ...answered, endedAt: '2026-03-04T09:00:05+08:00' })).toEqual(['endedAt']);
    expect(fieldsOf(CallRecordBody, { ...answered, outcome: 'silent', requestNumber: 'a-20260302-000001' })).toEqual(['requestNumber']);
    expect(fieldsOf(CallRecordBody, { ...answered, queue: 'a b' })).toEqual(['queue']);
    expect(fieldsOf(CallRecordBody, { ...answered, extra: 1 })).toEqual(['(body)']);
    // PostgreSQL has no year 0: refused here rather than failing there.
    expect(fieldsOf(CallRecordBody, { ...answered, offeredAt: '0000-03-02T09:00:00Z', answeredAt: undefined, outcome: 'abandoned', endedAt: '0000-03-02T09:01:00Z' })).toEqual(['offeredAt']);
  });

  it('wants a request number exactly for the outcomes that name one', () => {
    expect(fieldsOf(MarkOutcomeBody, { outcome: 'request' })).toEqual(['requestNumber']);
    expect(fieldsOf(MarkOutcomeBody, { outcome: 'silent', requestNumber: 'a-20260302-000001' })).toEqual(['requestNumber']);
    expect(fieldsOf(MarkOutcomeBody, { outcome: 'answered' })).toEqual(['outcome']);
    expect(fieldsOf(MarkOutcomeBody, { outcome: 'existing-request', requestNumber: 'a-20260302-000001' })).toEqual([]);
  });

  it('takes real dates in order, at most 92 days', () => {
    expect(fieldsOf(CallRatesQuery, { from: '2026-03-01', to: '2026-03-01' })).toEqual([]);
    expect(fieldsOf(CallRatesQuery, { from: '2026-02-29', to: '2026-03-01' })).toEqual(['from']);
    expect(fieldsOf(CallRatesQuery, { from: '2026-01-01', to: '2026-04-03' })).toEqual(['to']);
    expect(fieldsOf(CallRatesQuery, { from: '0000-01-01', to: '0000-01-02' })).toEqual(['from', 'to']);
  });
});
