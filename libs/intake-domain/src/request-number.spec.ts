import { formatRequestNumber, parseRequestNumber, shanghaiLocalDate } from './request-number';

describe('request number (流水号)', () => {
  it('uses the local date in Asia/Shanghai', () => {
    expect(shanghaiLocalDate(new Date('2025-01-24T15:59:59Z'))).toBe('2025-01-24');
    expect(shanghaiLocalDate(new Date('2025-01-24T16:00:00Z'))).toBe('2025-01-25');
  });

  it('formats tenant code without city-, date and a six-digit sequence', () => {
    expect(formatRequestNumber('city-3201', '2025-01-24', 42)).toBe('3201-20250124-000042');
    expect(formatRequestNumber('demo', '2025-12-31', 999_999)).toBe('demo-20251231-999999');
  });

  it('refuses sequences outside 1..999999 and malformed dates', () => {
    expect(() => formatRequestNumber('city-3201', '2025-01-24', 0)).toThrow(/out of range/);
    expect(() => formatRequestNumber('city-3201', '2025-01-24', 1_000_000)).toThrow(/out of range/);
    expect(() => formatRequestNumber('city-3201', '20250124', 1)).toThrow(/invalid local date/);
  });

  it('parses what it formats, and nothing else', () => {
    expect(parseRequestNumber('3201-20250124-000042')).toEqual({ prefix: '3201', date: '20250124', sequence: 42 });
    expect(parseRequestNumber('city-b-20250124-000001')?.prefix).toBe('city-b');
    expect(parseRequestNumber('3201-2025012-000042')).toBeUndefined();
    expect(parseRequestNumber('../etc')).toBeUndefined();
  });
});
