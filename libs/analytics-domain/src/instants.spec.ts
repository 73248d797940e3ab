import { instantOrNull, receiptDay } from './instants';

describe('event instants', () => {
  it('reads RFC 3339 instants and treats empty or malformed ones as unknown', () => {
    expect(instantOrNull('2025-01-24T02:00:00Z')?.toISOString()).toBe('2025-01-24T02:00:00.000Z');
    expect(instantOrNull('')).toBeNull();
    expect(instantOrNull('yesterday')).toBeNull();
  });

  it('takes the receipt day in Asia/Shanghai', () => {
    expect(receiptDay('2025-01-27T16:00:00Z')).toBe('2025-01-28');
    expect(receiptDay('2025-01-27T15:59:59Z')).toBe('2025-01-27');
    expect(receiptDay(undefined)).toBeNull();
  });
});
