import { instantOrNull, receiptDay } from './instants';

describe('event instants', () => {
  it('reads RFC 3339 instants and treats empty or malformed ones as unknown', () => {
    expect(instantOrNull('2025-01-24T02:00:00Z')?.toISOString()).toBe('2025-01-24T02:00:00.000Z');
    expect(instantOrNull('2025-01-24T10:00:00.123+08:00')?.toISOString()).toBe('2025-01-24T02:00:00.123Z');
    expect(instantOrNull('')).toBeNull();
    expect(instantOrNull('yesterday')).toBeNull();
  });

  it('treats dates and times that do not exist as malformed, never as another day', () => {
    for (const value of [
      '2025-02-30T10:00:00Z', '2025-02-29T00:00:00Z', '2025-13-01T00:00:00Z', '2025-00-10T00:00:00Z', '2025-01-01T24:00:00Z',
      '2025-01-01T23:60:00Z', '2025-01-01T23:59:60Z', '2025-01-01T10:00:00+24:00', '2025-01-01', '2025-01-01T10:00',
    ])
      expect({ value, instant: instantOrNull(value) }).toEqual({ value, instant: null });
    expect(receiptDay('2025-02-30T10:00:00+08:00')).toBeNull();
  });

  it('takes the receipt day in Asia/Shanghai', () => {
    expect(receiptDay('2025-01-27T16:00:00Z')).toBe('2025-01-28');
    expect(receiptDay('2025-01-27T15:59:59Z')).toBe('2025-01-27');
    expect(receiptDay(undefined)).toBeNull();
  });
});
